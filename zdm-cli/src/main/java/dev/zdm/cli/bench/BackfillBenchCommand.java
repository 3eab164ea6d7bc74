package dev.zdm.cli.bench;

import dev.zdm.executor.batch.BatchSizer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zdm bench backfill}: the same backfill done five ways under the same application load, one
 * row each, and zdm's rows checked against the targets.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Measure what a backfill of every row costs a running application: no migration, one UPDATE, a naive keyset loop,"
                + " the strategy guide's DO loop, and zdm's executor, each on a fresh copy of an N-row table under a fixed-rate workload.")
final class BackfillBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "1000000", description = "rows in the table (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--tps", defaultValue = "1000", description = "application transactions per second (default ${DEFAULT-VALUE})")
    int tps;

    @Option(names = "--connections", defaultValue = "8", description = "application connections (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the table as CSV to FILE")
    Path csv;

    @Option(names = "--scenarios", split = ",", defaultValue = "none,single-update,naive-keyset,guide-do-loop,zdm",
            description = "scenarios to run, in order (default ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--pg", paramLabel = "URL", description = "an existing database (postgresql://user:pass@host:port/db); tables zdm_bench_* are created and dropped in it. Default: an embedded PostgreSQL")
    String pgUrl;

    @Option(names = "--pg-setting", paramLabel = "NAME=VALUE", description = "server setting for the embedded PostgreSQL, on top of the project's defaults (repeatable)")
    Map<String, String> pgSettings = new LinkedHashMap<>();

    @Option(names = "--baseline-s", defaultValue = "15", description = "length of the window with no migration (default ${DEFAULT-VALUE})")
    int baselineSeconds;

    @Option(names = "--cap-s", defaultValue = "300", description = "longest a migration may run before it is cancelled (default ${DEFAULT-VALUE})")
    int capSeconds;

    @Option(names = "--warmup-s", defaultValue = "3", description = "application warm-up before each window (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--target-batch-ms", split = ",", description = "zdm's target batch time(s); one zdm row each (default: the executor's, "
            + BatchSizer.DEFAULT_TARGET_MS + ")")
    List<Long> targetBatchMs = new ArrayList<>(List.of(BatchSizer.DEFAULT_TARGET_MS));

    @Option(names = "--max-batch-rows", defaultValue = "" + BatchSizer.MAX_ROWS, description = "zdm's largest batch (default ${DEFAULT-VALUE})")
    int maxBatchRows;

    @Option(names = "--delay-ms", defaultValue = "0", description = "zdm's pause between batches (default ${DEFAULT-VALUE})")
    long delayMs;

    @Option(names = "--sample-waits-ms", defaultValue = "0", description = "diagnostic: sample pg_stat_activity wait events this often during each window (default off)")
    long sampleWaitsMs;

    @Option(names = "--repeat", defaultValue = "1", description = "rounds of all scenarios; the table shows each column's median (default ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1");
        Scenarios.create(scenarios, targetBatchMs, maxBatchRows, delayMs); // an unknown name fails here, before a database starts
        try (BenchDatabase db = pgUrl == null ? BenchDatabase.embedded(pgSettings) : BenchDatabase.external(pgUrl)) {
            out.println("zdm bench backfill: " + db.describe());
            out.printf(Locale.ROOT, "  %,d rows; application %,d tps on %d connections; %d cores (load average %.1f); cap %d s per migration%n",
                    rows, tps, connections, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), capSeconds);
            BenchTable table = new BenchTable(db.jdbcUrl(), rows);
            long t0 = System.nanoTime();
            table.seed();
            out.printf(Locale.ROOT, "  seed table built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            BenchContext ctx = new BenchContext(db.jdbcUrl(), db.vertxOptions(), rows, Duration.ofSeconds(capSeconds), Duration.ofSeconds(baselineSeconds));
            ScenarioRunner runner = new ScenarioRunner(ctx, table, tps, connections, Duration.ofSeconds(warmupSeconds), sampleWaitsMs, out);
            List<List<ResultRow>> rounds = new ArrayList<>();
            for (int round = 1; round <= repeat; round++) {
                if (repeat > 1) out.printf(Locale.ROOT, "round %d of %d%n", round, repeat);
                List<ResultRow> results = new ArrayList<>();
                for (Migration m : Scenarios.create(scenarios, targetBatchMs, maxBatchRows, delayMs)) results.add(runner.run(m));
                rounds.add(results);
            }
            if (pgUrl != null) table.dropAll();
            if (repeat > 1) {
                out.println();
                out.println("every round:");
                out.print(ResultTable.table(Rounds.labelled(rounds)));
                out.println();
                out.println("median of " + repeat + " rounds, column by column:");
            }
            List<ResultRow> results = Rounds.median(rounds);
            print(out, results);
            if (csv != null) {
                Files.writeString(csv, ResultTable.csv(results), StandardCharsets.UTF_8);
                out.println("wrote " + csv);
            }
        }
        return 0;
    }

    private static void print(PrintStream out, List<ResultRow> results) {
        out.println();
        out.print(ResultTable.table(results));
        Optional<ResultRow> baseline = find(results, "none");
        Optional<ResultRow> single = find(results, "single-update");
        for (ResultRow r : results) {
            if (!r.scenario().startsWith("zdm")) continue;
            out.println();
            out.println("targets for " + r.scenario() + ":");
            Targets.check(baseline, single, r).forEach(out::println);
        }
    }

    private static Optional<ResultRow> find(List<ResultRow> results, String scenario) {
        return results.stream().filter(r -> r.scenario().equals(scenario)).findFirst();
    }
}

package dev.zdm.cli.bench.sync;

import dev.zdm.domain.sql.TableName;
import dev.zdm.cli.bench.BenchDatabase;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.runtime.config.TargetConfig;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.session.SessionListener;
import dev.zdm.sync.session.SessionMeters;
import dev.zdm.sync.session.SessionSettings;
import dev.zdm.sync.session.SyncReport;
import dev.zdm.sync.session.SyncRequest;
import dev.zdm.sync.session.SyncSessions;
import dev.zdm.sync.session.SyncState;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures, on fresh copies of a table, interleaved A/B (the order of the variants rotates each round):
 * <ol>
 *   <li>the application's write throughput and p50/p99 (unpaced, and paced at 1,000 writes/s), the database's and
 *       the sync's CPU per write, with no sync, with a PL/pgSQL trigger, and with
 *       zdm's change capture, for a dual-write and for a blue-green sync;</li>
 *   <li>the sync's commit-to-apply lag p50/p99 at 1,000 writes/s;</li>
 *   <li>the longest write the application sees during a blue-green switch at 1,000 writes/s.</li>
 * </ol>
 * Every CDC and trigger run ends with a count of rows where the shapes disagree. Prints one table.
 * Options: see {@code zdm bench sync --help}.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Measure what keeping a second shape in step costs a running application: no sync, a PL/pgSQL trigger and zdm's"
                + " change capture, for a dual-write and a blue-green sync; the sync's lag at 1,000 writes/s; a blue-green switch's write stall.")
public final class SyncBench implements Callable<Integer> {
    private static final int ROWS = 20_000;
    private static final int THREADS = 4;
    private static final String TARGET = "bench";

    @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds per setting; the table shows medians (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seconds", defaultValue = "4", description = "measured seconds per run (default ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--only", description = "dual-write, blue-green or lag: measure that alone")
    String only;

    @Option(names = "--pg", paramLabel = "URL", description = "an existing database with wal_level=logical (postgresql://user:pass@host:port/db); tables bench_* and users are created and dropped in it. Default: an embedded PostgreSQL")
    String pgUrl;

    @Option(names = "--pg-setting", paramLabel = "NAME=VALUE", description = "server setting for the embedded PostgreSQL, on top of the project's defaults (repeatable)")
    Map<String, String> pgSettings = new LinkedHashMap<>();

    private Db db;
    private DbTarget target;
    private long measureMs;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private int tables;

    enum Variant { NONE, TRIGGER, CDC }

    record Run(double writesPerSecond, double p50Ms, double p99Ms, long wrongRows, Map<String, Double> cores) {
        /** CPU microseconds the database's processes (backends, walsender, the rest) spent per application write. */
        double dbMicrosPerWrite() {
            return micros(k -> k.startsWith("pg "));
        }

        /** CPU microseconds per application write of this JVM other than the application's writer threads: the sync. */
        double syncMicrosPerWrite() {
            return micros(k -> k.equals("jvm sync and rest"));
        }

        private double micros(java.util.function.Predicate<String> which) {
            double cpu = cores.entrySet().stream().filter(e -> which.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
            return writesPerSecond <= 0 ? 0 : cpu / writesPerSecond * 1e6;
        }
    }

    @Override
    public Integer call() throws Exception {
        measureMs = seconds * 1_000L;
        try (BenchDatabase database = pgUrl == null ? BenchDatabase.embedded(pgSettings) : BenchDatabase.external(pgUrl)) {
            System.out.println(database.describe());
            db = new Db(database.jdbcUrl());
            String walLevel = db.one("SHOW wal_level");
            if (!"logical".equals(walLevel)) {
                System.err.println("zdm bench sync: change capture needs wal_level=logical; the server above has wal_level=" + walLevel
                        + " (set it and restart the server)");
                return 2;
            }
            target = DbTarget.of(new TargetConfig(TARGET, database.jdbcUrl(), null, null, 4));
            run();
        }
        return 0;
    }

    /** One measured setting: a scenario with the application unpaced (0) or paced to {@code perSecond} writes. */
    record Case(Scenario scenario, int perSecond) {
        String label() {
            return scenario.name() + (perSecond > 0 ? " at " + perSecond + "/s" : "");
        }
    }

    void run() throws Exception {
        Map<Case, Map<Variant, List<Run>>> results = new LinkedHashMap<>();
        List<Scenario> scenarios = new ArrayList<>();
        if (only == null || only.equals("dual-write")) scenarios.add(new DualWriteScenario());
        if (only == null || only.equals("blue-green")) scenarios.add(new BlueGreenScenario());
        List<Case> cases = new ArrayList<>();
        for (Scenario scenario : scenarios) cases.add(new Case(scenario, 0));
        for (Scenario scenario : scenarios) cases.add(new Case(scenario, 1_000));
        // the JIT compiles the capture's hot paths during the first runs: one uncounted run of each scenario first
        for (Scenario scenario : scenarios) throughput(new Case(scenario, 0), Variant.CDC);
        for (Case c : cases) {
            Map<Variant, List<Run>> runs = new EnumMap<>(Variant.class);
            for (Variant v : Variant.values()) runs.put(v, new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < Variant.values().length; i++) {
                    Variant v = Variant.values()[(i + round) % Variant.values().length];
                    Run r = throughput(c, v);
                    runs.get(v).add(r);
                    System.err.printf("%s round %d %-7s %8.0f writes/s  p99 %6.2f ms  wrong %d  cores %s%n", c.label(), round + 1, v,
                            r.writesPerSecond(), r.p99Ms(), r.wrongRows(), cores(r.cores()));
                }
            }
            results.put(c, runs);
        }
        double[] lag = only == null || only.equals("lag") ? lagAt(1_000, 10_000) : null;
        double[] stall = only == null ? switchStall() : null;
        print(results, lag, stall);
    }

    /** One run: a fresh table, warm-up, then {@code measureMs} of single-row updates by the application, paced as the case says. */
    private Run throughput(Case c, Variant variant) throws Exception {
        Scenario scenario = c.scenario();
        String table = "bench_" + (++tables);
        scenario.create(db, table, ROWS);
        try (SyncSessions sessions = sessions(new SimpleMeterRegistry())) {
            String migration = "bench-" + table;
            if (variant == Variant.TRIGGER) scenario.installTrigger(db, table);
            if (variant == Variant.CDC) expect(sessions.handle(new SyncRequest.Start("start", scenario.spec(migration, TARGET, table))), SyncState.STREAMING);
            Histogram h;
            double wps;
            Map<String, Double> cores;
            try (Workload app = new Workload(db.url(), THREADS, c.perSecond(), scenario.write(table, ROWS)).start()) {
                Thread.sleep(1_000);
                app.latencyMicros();
                CpuShares cpu = new CpuShares(db).start();
                long before = app.writes();
                long started = System.nanoTime();
                Thread.sleep(measureMs);
                wps = (app.writes() - before) / ((System.nanoTime() - started) / 1e9);
                h = app.latencyMicros();
                cores = cpu.stop();
            }
            long wrong = 0;
            if (variant == Variant.CDC) {
                expect(sessions.handle(new SyncRequest.Drain(migration, TARGET, "drain")), SyncState.CAUGHT_UP);
                wrong = scenario.wrongRows(db, table);
                expect(sessions.handle(new SyncRequest.Stop(migration, TARGET, "stop")), SyncState.STOPPED);
            } else if (variant == Variant.TRIGGER) {
                wrong = scenario.wrongRows(db, table);
            }
            return new Run(wps, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, wrong, cores);
        } finally {
            scenario.drop(db, table);
        }
    }

    /** Commit-to-apply lag of the dual-write sync with the application paced at {@code perSecond} writes for {@code ms}. */
    private double[] lagAt(int perSecond, long ms) throws Exception {
        Scenario scenario = new DualWriteScenario();
        String table = "bench_" + (++tables);
        scenario.create(db, table, ROWS);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SyncSessions sessions = sessions(registry)) {
            expect(sessions.handle(new SyncRequest.Start("start", scenario.spec("bench-lag", TARGET, table))), SyncState.STREAMING);
            double achieved;
            try (Workload app = new Workload(db.url(), THREADS, perSecond, scenario.write(table, ROWS)).start()) {
                Thread.sleep(1_000);
                long before = app.writes();
                long started = System.nanoTime();
                Thread.sleep(ms);
                achieved = (app.writes() - before) / ((System.nanoTime() - started) / 1e9);
            }
            expect(sessions.handle(new SyncRequest.Drain("bench-lag", TARGET, "drain")), SyncState.CAUGHT_UP);
            long wrong = scenario.wrongRows(db, table);
            HistogramSnapshot snapshot = new SessionMeters(registry).changeLag(TableName.of(table).qualified()).takeSnapshot();
            HistogramSnapshot batches = new SessionMeters(registry).applyBatches(TableName.of(table).qualified()).takeSnapshot();
            double p50 = 0;
            double p99 = 0;
            for (ValueAtPercentile v : snapshot.percentileValues()) {
                if (v.percentile() == 0.5) p50 = v.value(TimeUnit.MILLISECONDS);
                if (v.percentile() == 0.99) p99 = v.value(TimeUnit.MILLISECONDS);
            }
            expect(sessions.handle(new SyncRequest.Stop("bench-lag", TARGET, "stop")), SyncState.STOPPED);
            return new double[] {p50, p99, snapshot.count(), achieved, wrong, batches.count(), batches.mean()};
        } finally {
            scenario.drop(db, table);
        }
    }

    /** The longest application write around a blue-green switch, with 1,000 writes/s running; and the longest in the second before. */
    private double[] switchStall() throws Exception {
        Scenario scenario = new BlueGreenScenario();
        scenario.create(db, "users", ROWS);
        try (SyncSessions sessions = sessions(new SimpleMeterRegistry())) {
            expect(sessions.handle(new SyncRequest.Start("start", scenario.spec("bench-switch", TARGET, "users"))), SyncState.STREAMING);
            Histogram before;
            Histogram during;
            long errors;
            try (Workload app = new Workload(db.url(), THREADS, 1_000, (c, r) -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
                    ps.setString(1, "s" + r.nextInt());
                    ps.setLong(2, 1 + r.nextInt(ROWS));
                    ps.executeUpdate();
                }
            }).start()) {
                Thread.sleep(2_000);
                app.latencyMicros();
                Thread.sleep(1_000);
                before = app.latencyMicros();
                expect(sessions.handle(new SyncRequest.Switch("bench-switch", TARGET, "switch", TableName.of("users"), TableName.of("users_green"), "users_old")),
                        SyncState.SWITCHED);
                Thread.sleep(500);
                during = app.latencyMicros();
                errors = app.errors();
            }
            expect(sessions.handle(new SyncRequest.Stop("bench-switch", TARGET, "stop")), SyncState.STOPPED);
            double held = progress.stream().filter(m -> m.contains("writes held")).map(m -> m.replaceAll(".*writes held (\\d+) ms.*", "$1"))
                    .mapToDouble(Double::parseDouble).max().orElse(-1);
            return new double[] {during.getMaxValue() / 1000.0, before.getMaxValue() / 1000.0, held, errors};
        } finally {
            scenario.drop(db, "users");
        }
    }

    private void print(Map<Case, Map<Variant, List<Run>>> results, double[] lag, double[] stall) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nzdm sync benchmark: %d rows, %d writer threads, single-row UPDATE in autocommit, medians of %d interleaved"
                + " rounds of %d s%n", ROWS, THREADS, rounds, measureMs / 1000));
        out.append(String.format("%-52s %10s %8s %8s %9s %7s %12s %9s %14s%n", "application writes", "writes/s", "p50 ms", "p99 ms", "vs none",
                "wrong", "db us/write", "vs none", "sync us/write"));
        String[] names = {"no sync", "trigger (PL/pgSQL)", "zdm CDC"};
        for (var entry : results.entrySet()) {
            Map<Variant, List<Run>> runs = entry.getValue();
            double base = median(runs.get(Variant.NONE).stream().mapToDouble(Run::writesPerSecond).toArray());
            double baseDb = median(runs.get(Variant.NONE).stream().mapToDouble(Run::dbMicrosPerWrite).toArray());
            for (Variant v : Variant.values()) {
                List<Run> rs = runs.get(v);
                double wps = median(rs.stream().mapToDouble(Run::writesPerSecond).toArray());
                double db = median(rs.stream().mapToDouble(Run::dbMicrosPerWrite).toArray());
                out.append(String.format("%-52s %10.0f %8.2f %8.2f %+8.1f%% %7d %12.1f %+8.1f%% %14.1f%n", entry.getKey().label() + ": "
                        + names[v.ordinal()], wps, median(rs.stream().mapToDouble(Run::p50Ms).toArray()),
                        median(rs.stream().mapToDouble(Run::p99Ms).toArray()), (wps / base - 1) * 100, rs.stream().mapToLong(Run::wrongRows).sum(),
                        db, (db / baseDb - 1) * 100, median(rs.stream().mapToDouble(Run::syncMicrosPerWrite).toArray())));
            }
        }
        if (lag != null) {
            out.append(String.format("%-52s p50 %.1f ms, p99 %.1f ms over %d changes (achieved %.0f writes/s) in %d apply transactions"
                    + " (%.1f changes each), wrong rows %d%n", "sync lag (commit to apply) at 1,000 writes/s", lag[0], lag[1], (long) lag[2], lag[3],
                    (long) lag[5], lag[6], (long) lag[4]));
        }
        if (stall == null) {
            System.out.println(out);
            return;
        }
        out.append(String.format("%-52s longest write %.1f ms (writes held %.0f ms; longest write the second before: %.1f ms), errors %d%n",
                "blue-green switch at 1,000 writes/s", stall[0], stall[2], stall[1], (long) stall[3]));
        System.out.println(out);
    }

    private SyncSessions sessions(SimpleMeterRegistry registry) {
        return new SyncSessions(Map.of(TARGET, target), SessionSettings.defaults(), new SessionListener() {
            @Override
            public void report(SyncReport report) {
            }

            @Override
            public void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
                progress.add(message);
            }
        }, new SessionMeters(registry));
    }

    private static void expect(java.util.concurrent.CompletableFuture<SyncReport> answer, SyncState state) throws Exception {
        SyncReport report = answer.get(300, TimeUnit.SECONDS);
        if (report.state() != state) throw new IllegalStateException("expected " + state + ", got " + report.state() + ": " + report.error());
    }

    private static String cores(Map<String, Double> cores) {
        StringBuilder out = new StringBuilder();
        cores.forEach((k, v) -> out.append(String.format("%s %.2f, ", k, v)));
        return out.length() == 0 ? "" : out.substring(0, out.length() - 2);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

}

package dev.zdm.cli.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one scenario: a fresh copy of the table, the application started and warmed up, the window
 * opened, the migration run, the window closed, the application's backlog (if any) drained, and the
 * numbers taken. Checks afterwards that the migration left no seed row undone.
 */
final class ScenarioRunner {
    /** After the window closes the application keeps its schedule this long, so its last transactions finish normally. */
    private static final Duration DRAIN = Duration.ofMillis(200);
    /** Beyond the cap, how long a backlog of transactions may take to drain before the run is declared stuck. */
    private static final Duration BACKLOG_GRACE = Duration.ofSeconds(120);

    private final BenchContext ctx;
    private final BenchTable table;
    private final int tps;
    private final int connections;
    private final Duration warmup;
    private final long sampleWaitsMs;
    private final PrintStream out;

    /** @param sampleWaitsMs how often to sample the sessions' wait events during the window; 0 for never */
    ScenarioRunner(BenchContext ctx, BenchTable table, int tps, int connections, Duration warmup, long sampleWaitsMs, PrintStream out) {
        this.ctx = ctx;
        this.table = table;
        this.tps = tps;
        this.connections = connections;
        this.warmup = warmup;
        this.sampleWaitsMs = sampleWaitsMs;
        this.out = out;
    }

    ResultRow run(Migration migration) throws Exception {
        out.printf(Locale.ROOT, "%s: fresh copy of %,d rows...%n", migration.name(), ctx.tableRows());
        out.flush();
        table.freshCopy();
        try (migration) {
            migration.prepare(ctx);
            Workload app = Workload.start(ctx.jdbcUrl(), tps, connections, ctx.tableRows());
            Thread.sleep(warmup.toMillis());
            WaitSampler sampler = sampleWaitsMs > 0 ? WaitSampler.start(ctx.jdbcUrl(), sampleWaitsMs) : null;
            DbCounters before = DbCounters.read(ctx.jdbcUrl());
            long start = System.nanoTime();
            long end;
            MigrationRun run;
            try {
                run = migration.run(ctx);
            } finally {
                end = System.nanoTime();
                app.stopAfter(end + DRAIN.toNanos());
                if (sampler != null) sampler.close();
            }
            DbCounters after = DbCounters.read(ctx.jdbcUrl());
            TxLog log = app.await(ctx.cap().plus(BACKLOG_GRACE));
            AppStats stats = AppWindow.measure(log, start, end);
            report(migration, run, stats, app.firstError(), end - start);
            out.println("  app by kind: " + byKind(AppWindow.byKind(log, start, end)));
            out.println("  server: " + after.since(before));
            if (sampler != null) {
                AppWindow.Gap stall = AppWindow.longestStall(log, start, end);
                out.println("  waits: " + sampler.describe());
                out.printf(Locale.ROOT, "  waits during the longest stall (%.0f ms, from %.2f s into the window): %s%n", stall.nanos() / 1e6,
                        (stall.from() - start) / 1e9, sampler.describe(stall.from(), stall.to()));
            }
            String name = run.cutShort() == null ? migration.name() : migration.name() + " (" + run.cutShort() + ")";
            return new ResultRow(name, run.rows(), run.rowsPerSecond(), stats);
        }
    }

    private static String byKind(Map<TxKind, AppWindow.KindStats> kinds) {
        StringBuilder line = new StringBuilder();
        kinds.forEach((kind, k) -> line.append(line.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                "%s %,d p99 %.1f max %.1f ms", kind.name().toLowerCase(Locale.ROOT), k.count(), k.p99Ms(), k.maxMs())));
        return line.toString();
    }

    private void report(Migration migration, MigrationRun run, AppStats app, String firstError, long windowNanos) throws Exception {
        long pending = table.pendingSeedRows();
        out.printf(Locale.ROOT, "  window %.1f s: %,d rows (%,.0f rows/s); app %,.0f tps, %d failed, p50 %.1f / p99 %.1f / max %.1f ms, longest stall %.1f ms; load average %.1f%n",
                windowNanos / 1e9, run.rows(), run.rowsPerSecond(), app.tps(), app.failed(), app.p50Ms(), app.p99Ms(), app.maxMs(), app.maxStallMs(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (run.detail() != null) out.println("  " + run.detail());
        if (!(migration instanceof NoMigration)) out.printf(Locale.ROOT, "  seed rows still pending afterwards: %,d%n", pending);
        if (firstError != null) out.println("  first application error: " + firstError);
        out.flush();
    }
}

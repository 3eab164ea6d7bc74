package dev.zdm.cli.bench;

/** {@code none}: the application alone for a fixed window; the baseline every other row is read against. */
final class NoMigration implements Migration {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public MigrationRun run(BenchContext ctx) throws InterruptedException {
        long started = System.nanoTime();
        Thread.sleep(ctx.baseline().toMillis());
        return new MigrationRun(0, System.nanoTime() - started, null, null);
    }
}

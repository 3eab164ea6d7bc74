package dev.zdm.cli.bench;

/**
 * One way of filling the new column of every row, measured while the application runs. The runner
 * calls {@link #prepare} before the window opens, {@link #run} inside it (the window lasts exactly
 * as long as {@code run}), and {@link #close} after. Each instance runs once.
 */
sealed interface Migration extends AutoCloseable permits NoMigration, SingleUpdate, NaiveKeyset, GuideDoLoop, ZdmBackfill {
    /** The scenario's name in the table and the CSV. */
    String name();

    /** Set-up that must not count against the window (connections, schemas). */
    default void prepare(BenchContext ctx) throws Exception {
    }

    /** Runs the migration to its end or to {@link BenchContext#cap()}; blocks. */
    MigrationRun run(BenchContext ctx) throws Exception;

    @Override
    default void close() {
    }
}

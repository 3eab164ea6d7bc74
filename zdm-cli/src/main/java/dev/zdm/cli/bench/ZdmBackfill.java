package dev.zdm.cli.bench;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.batch.BackfillJob;
import dev.zdm.executor.batch.BackfillOutcome;
import dev.zdm.executor.batch.BackfillPool;
import dev.zdm.executor.batch.BackfillRunner;
import dev.zdm.executor.batch.BackfillSettings;
import dev.zdm.executor.batch.BackfillState;
import dev.zdm.executor.batch.StepRef;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.runtime.db.ControlSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code zdm}: the executor's own backfill engine, {@link BackfillRunner}, exactly as the executor
 * runs a plan's backfill step (keyset batches sized by target time, each its own transaction with
 * {@code lock_timeout}, checkpointed in {@code zdm._migration_progress}), with no breaker open. The
 * settings are the executor's defaults unless the benchmark was asked to try others.
 */
final class ZdmBackfill implements Migration {
    /** Connections the executor's pool has per target by default ({@code targets.<name>.poolSize}). */
    private static final int POOL_SIZE = 4;
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final BackfillSettings settings;
    private final long delayMs;
    private final String name;
    private final BatchStats stats = new BatchStats();
    private Vertx vertx;
    private Pool pool;

    /**
     * @param settings the runner's settings
     * @param delayMs  the plan's pause between batches
     * @param name     the scenario's name ({@code zdm} for the defaults)
     */
    ZdmBackfill(BackfillSettings settings, long delayMs, String name) {
        this.settings = settings;
        this.delayMs = delayMs;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare(BenchContext ctx) throws Exception {
        vertx = Vertx.vertx();
        // as the executor's TargetPools: notices (the control schema's "already exists, skipping") are not news
        pool = BackfillPool.create(vertx, new PgConnectOptions(ctx.pg()).addProperty("client_min_messages", "warning"), POOL_SIZE);
        await(ControlSchema.ensure(pool), Duration.ofSeconds(60));
    }

    @Override
    public MigrationRun run(BenchContext ctx) throws Exception {
        Step.Backfill step = new Step.Backfill("bench-backfill", TableName.of(BenchTable.TABLE), "id", BenchTable.SET_CLAUSE, BenchTable.PENDING,
                new BatchOptions(BatchOptions.DEFAULT.batchSize(), delayMs, 0, 100));
        StepRef ref = new StepRef("bench-" + System.currentTimeMillis(), "backfill", step.id());
        BackfillRunner runner = new BackfillRunner(vertx, pool, new BreakerBoard(), settings);
        long started = System.nanoTime();
        BackfillJob job = runner.start(ref, step, stats::onProgress);
        String cutShort = null;
        BackfillOutcome outcome;
        try {
            outcome = await(job.outcome(), ctx.cap());
        } catch (TimeoutException e) {
            job.cancel();
            outcome = await(job.outcome(), CANCEL_WAIT);
            cutShort = Cap.stopped(ctx);
        }
        long elapsed = System.nanoTime() - started;
        if (cutShort == null && outcome.state() != BackfillState.COMPLETED) cutShort = outcome.state() + ": " + outcome.message();
        return new MigrationRun(outcome.rowsAffected(), elapsed, cutShort, detail(outcome, elapsed));
    }

    private String detail(BackfillOutcome outcome, long elapsedNanos) {
        double avgBatchMs = outcome.batchesCompleted() == 0 ? 0 : elapsedNanos / 1e6 / outcome.batchesCompleted();
        return String.format(Locale.ROOT, "target %d ms, %,d batches (%.0f ms each on average), %s",
                settings.targetBatchMs(), outcome.batchesCompleted(), avgBatchMs, stats.describe());
    }

    @Override
    public void close() {
        try {
            if (pool != null) await(pool.close(), Duration.ofSeconds(10));
            if (vertx != null) await(vertx.close(), Duration.ofSeconds(10));
        } catch (Exception e) {
            System.err.println("  (closing the zdm scenario's pool: " + e.getMessage() + ")");
        }
    }

    private static <T> T await(Future<T> future, Duration timeout) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

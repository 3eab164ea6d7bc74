package dev.zdm.executor.step;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.batch.BackfillJob;
import dev.zdm.executor.batch.BackfillMetrics;
import dev.zdm.executor.batch.BackfillOutcome;
import dev.zdm.executor.batch.BackfillProgress;
import dev.zdm.executor.batch.BackfillRunner;
import dev.zdm.executor.batch.BackfillSettings;
import dev.zdm.executor.batch.StepRef;
import dev.zdm.executor.gate.BreakerBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a backfill step through the keyset {@link BackfillRunner} of its target, with the operator's
 * pause, resume, cancel and smaller-batch commands forwarded to the running job, and its progress
 * reported as the phase's progress. The runner checkpoints every batch; run again, the step resumes.
 */
public final class BackfillStepRunner implements StepRunner<Step.Backfill> {
    private final BreakerBoard board;
    private final BackfillMetrics metrics;
    private final Map<String, BackfillRunner> runners = new ConcurrentHashMap<>();
    private final long outageWindowMs;

    /** @param outageWindowMs how long a batch waits out an unreachable database before the step fails */
    public BackfillStepRunner(BreakerBoard board, MeterRegistry registry, long outageWindowMs) {
        this.board = board;
        this.outageWindowMs = outageWindowMs;
        this.metrics = new BackfillMetrics(registry);
    }

    @Override
    public Future<Long> run(StepContext ctx, Step.Backfill step) {
        BackfillRunner runner = runners.computeIfAbsent(ctx.target(), t -> new BackfillRunner(ctx.vertx(), ctx.pool(), board,
                BackfillSettings.defaults(t).withOutageWindow(outageWindowMs)));
        Step.Backfill effective = withOperatorBatch(step, ctx.options(), ctx.control().requestedBatchSize());
        BackfillJob job = runner.start(new StepRef(ctx.migrationId(), ctx.phase().id(), step.id(), ctx.control().fence()), effective,
                p -> {
                    metrics.onProgress(p);
                    ctx.progress().accept(toStepProgress(p));
                });
        PhaseControl.Controllable handle = new PhaseControl.Controllable() {
            @Override
            public void pause() {
                job.pause();
            }

            @Override
            public void resume() {
                job.resume();
            }

            @Override
            public void cancel() {
                job.cancel();
            }

            @Override
            public void retryWithSmallerBatch(Integer rows) {
                job.retryWithSmallerBatch(rows);
            }
        };
        ctx.control().attach(handle);
        return job.outcome()
                .eventually(() -> {
                    ctx.control().detach(handle);
                    return Future.succeededFuture();
                })
                .compose(outcome -> finish(ctx, step, outcome));
    }

    private Future<Long> finish(StepContext ctx, Step.Backfill step, BackfillOutcome o) {
        return switch (o.state()) {
            case COMPLETED -> StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), o.rowsAffected(),
                    o.message() == null ? step.describe() : o.message()).map(o.rowsAffected());
            case CANCELLED -> Future.failedFuture(new ZdmException(ErrorCode.NOT_ALLOWED, "backfill of " + step.table()
                    + " cancelled by an operator at key " + o.lastKey() + "; resuming continues from there", step.id()));
            case STOPPED -> Future.failedFuture(new ZdmException(ErrorCode.STATEMENT_TIMEOUT, "backfill of " + step.table()
                    + " reached maxDurationMs at key " + o.lastKey() + "; resume the migration to continue from there", step.id()));
            default -> Future.failedFuture(new ZdmException(ErrorCode.INTERNAL, "backfill of " + step.table() + " ended "
                    + o.state() + ": " + o.message(), step.id()));
        };
    }

    /** The plan's batch options, with an operator's "retry with a smaller batch" applied. */
    static Step.Backfill withOperatorBatch(Step.Backfill step, Map<String, String> options, Integer requested) {
        BatchOptions b = step.options();
        int size = b.batchSize();
        if (requested != null) size = requested;
        else if (options.containsKey("batchSize")) size = Integer.parseInt(options.get("batchSize"));
        else if (options.containsKey("batchSizeFactor")) size = (int) Math.max(1, size * Double.parseDouble(options.get("batchSizeFactor")));
        if (size == b.batchSize()) return step;
        return new Step.Backfill(step.id(), step.table(), step.keyColumn(), step.setClause(), step.pendingPredicate(),
                new BatchOptions(size, b.delayMs(), b.maxDurationMs(), b.rolloutPercentage()));
    }

    private static StepContext.StepProgress toStepProgress(BackfillProgress p) {
        String state = switch (p.state()) {
            case STARTING -> "RUNNING";
            case STOPPED -> "PAUSED";
            default -> p.state().name();
        };
        String message = p.message() != null ? p.message()
                : "backfill " + p.table() + ": " + p.batchesCompleted() + " batches, last key " + p.lastKey();
        return new StepContext.StepProgress(state, message, p.throttleReason(), p.rowsCovered(),
                p.rowsTotal(), p.rowsPerSecond(), p.batchSize(), p.etaMs());
    }
}

package dev.zdm.executor.step;

import dev.zdm.runtime.messaging.Errors;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.batch.Fence;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a phase's steps (or its rollback steps) in order, skipping those {@code zdm.step_runs} records as
 * done, and stops at the first failure. Runners are chosen by step type from an explicit list.
 */
public final class PhaseRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseRunner.class);
    private final SqlStepRunner sql;
    private final IndexStepRunner index;
    private final FlagStepRunner flag;
    private final StepRunner<Step.Backfill> backfill;
    private final SyncStepRunner sync;
    private final CopyStepRunner copy;

    public PhaseRunner(SqlStepRunner sql, IndexStepRunner index, FlagStepRunner flag, StepRunner<Step.Backfill> backfill,
                       SyncStepRunner sync, CopyStepRunner copy) {
        this.copy = copy;
        this.sql = sql;
        this.index = index;
        this.flag = flag;
        this.backfill = backfill;
        this.sync = sync;
    }

    /** Completes with the rows affected by the phase's steps, or fails with a ZdmException naming the step. */
    public Future<Long> run(StepContext ctx) {
        Phase phase = ctx.phase();
        List<Step> steps = ctx.direction().equals("ROLLBACK") ? phase.rollback() : phase.steps();
        boolean forward = !ctx.direction().equals("ROLLBACK");
        List<String> applied = new java.util.ArrayList<>();
        Future<Long> chain = forward ? Preexisting.note(ctx).map(0L) : Future.succeededFuture(0L);
        for (Step step : steps) {
            chain = chain.compose(total -> once(ctx, step).map(rows -> {
                applied.add(step.id());
                return total + rows;
            }));
        }
        return chain.recover(e -> Future.failedFuture(halfApplied(Errors.classify(e, phase.id()), applied, steps.size())));
    }

    /**
     * The failure of a phase that stopped part way, saying which of its steps are applied: they stay
     * applied (a resume skips them, a rollback undoes them), so an operator must know.
     */
    static ZdmException halfApplied(ZdmException e, List<String> applied, int total) {
        String which = applied.isEmpty() ? "none of its " + total + " steps applied" : applied.size() + " of its " + total
                + " steps applied (" + String.join(", ", applied) + "); a resume skips them, a rollback undoes them";
        return new ZdmException(e.code(), e.getMessage() + "; " + which, e.location(), e.sqlState(), e);
    }

    private Future<Long> once(StepContext ctx, Step step) {
        return StepRuns.completed(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction()).compose(done -> {
            if (done >= 0) {
                LOG.info("{} {} already done ({} rows): skipped", ctx.migrationId(), step.id(), done);
                return Future.succeededFuture(done);
            }
            if (ctx.control().cancelled()) {
                return Future.failedFuture(new ZdmException(ErrorCode.NOT_ALLOWED, "cancelled by an operator before step " + step.id(), step.id()));
            }
            return stillOurs(ctx, step).compose(v -> {
                if (step instanceof Step.Sql sql && sql.removes() != null && ctx.direction().equals("ROLLBACK")) {
                    return Preexisting.madeByMigration(ctx, sql.removes()).compose(made -> made ? run(ctx, step) : keep(ctx, sql));
                }
                return run(ctx, step);
            });
        });
    }

    /** Before each step: the phase's lease still this run's (not taken over, the migration not ended). */
    private static Future<Void> stillOurs(StepContext ctx, Step step) {
        Fence fence = ctx.control().fence();
        if (fence == null) return Future.succeededFuture();
        return ctx.pool().preparedQuery("SELECT " + Fence.holds(1, 2, 3)).execute(io.vertx.sqlclient.Tuple.of(ctx.migrationId(), fence.owner(), fence.epoch()))
                .compose(rows -> {
                    if (rows.iterator().next().getBoolean(0)) return Future.<Void>succeededFuture();
                    ctx.control().lostLease();
                    return Future.failedFuture(new ZdmException(ErrorCode.NOT_ALLOWED, "the lease of " + ctx.migrationId() + " (" + fence
                            + ") is gone before step " + step.id() + ": another executor took the phase over, or the migration ended", step.id()));
                });
    }

    /** An undo step whose object the migration did not make: recorded as done, the object left as it was. */
    private Future<Long> keep(StepContext ctx, Step.Sql step) {
        String why = "skipped: " + step.removes().describe() + " existed before the migration (or zdm cannot prove it made it); left in place";
        LOG.info("{} {} {}", ctx.migrationId(), step.id(), why);
        ctx.progress().accept(StepContext.StepProgress.of("RUNNING", "step " + step.id() + " " + why));
        return StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), 0, why).map(0L);
    }

    private Future<Long> run(StepContext ctx, Step step) {
        long started = System.currentTimeMillis();
        ctx.progress().accept(StepContext.StepProgress.of("RUNNING", "step " + step.id() + ": " + step.describe()));
        return dispatch(ctx, step).onSuccess(rows -> LOG.info("{} {} done in {} ms, {} rows: {}", ctx.migrationId(), step.id(),
                System.currentTimeMillis() - started, rows, step.describe()));
    }

    private Future<Long> dispatch(StepContext ctx, Step step) {
        if (step instanceof Step.Sql s) return sql.run(ctx, s);
        if (step instanceof Step.CreateIndexConcurrently c) return index.run(ctx, c);
        if (step instanceof Step.FlagRollout f) return flag.run(ctx, f);
        if (step instanceof Step.Backfill b) return backfill.run(ctx, b);
        if (step instanceof Step.Copy c) return copy.run(ctx, c);
        if (step instanceof Step.Sync || step instanceof Step.Verify || step instanceof Step.Switch) return sync.run(ctx, step);
        return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, "step " + step.id() + " (" + step.describe()
                + ") has no runner in this executor", step.id()));
    }
}

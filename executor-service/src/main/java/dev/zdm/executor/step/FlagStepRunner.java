package dev.zdm.executor.step;

import dev.zdm.domain.plan.Step;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * A feature-flag rollout step: sets the flag's percentage, but only while its guard breaker is not open;
 * while it is open the step waits (re-checking every second), so a rollout never widens during trouble.
 */
public final class FlagStepRunner implements StepRunner<Step.FlagRollout> {
    private static final long RECHECK_MS = 1_000;

    @Override
    public Future<Long> run(StepContext ctx, Step.FlagRollout step) {
        return guardClosed(ctx, step).compose(v -> ctx.pool().withTransaction(conn -> conn.preparedQuery(
                        "INSERT INTO zdm._migration_feature_flags (flag_name, enabled, rollout_percentage) VALUES ($1, true, $2) "
                                + "ON CONFLICT (flag_name) DO UPDATE SET enabled = true, rollout_percentage = $2, updated_at = now()")
                .execute(Tuple.of(step.flag(), step.percentage()))
                .compose(r -> StepRuns.record(conn, ctx.migrationId(), step.id(), ctx.direction(), 1, step.describe()))
                .map(1L)));
    }

    private Future<Void> guardClosed(StepContext ctx, Step.FlagRollout step) {
        if (step.guardBreaker() == null) return Future.succeededFuture();
        return ctx.pool().preparedQuery("SELECT state FROM zdm._migration_circuit_breakers WHERE breaker_name = $1")
                .execute(Tuple.of(step.guardBreaker()))
                .compose(rows -> {
                    boolean open = rows.size() > 0 && "open".equals(rows.iterator().next().getString(0));
                    if (!open) return Future.succeededFuture();
                    if (ctx.control().cancelled()) return Future.failedFuture(new IllegalStateException("cancelled while breaker open"));
                    ctx.progress().accept(StepContext.StepProgress.throttled("flag " + step.flag() + " held at its current percentage",
                            "breaker " + step.guardBreaker() + " is open"));
                    return ctx.vertx().timer(RECHECK_MS).compose(x -> guardClosed(ctx, step));
                });
    }
}

package dev.zdm.executor.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.PhaseCommand;
import dev.zdm.runtime.serde.EventCodec;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Runs nothing the planner did not plan: a phase command must carry, step for step, a phase of the
 * plan the planner persisted for that migration in the target's control schema
 * ({@code zdm.migrations.plan_event}). Anyone who reaches the broker can produce a phase command; only
 * the planner, after checking who asked, writes plans. A command without a stored plan, or whose
 * phase differs from the stored one in any field, fails with a non-retriable
 * {@link ErrorCode#ACCESS_DENIED} naming why, which dead-letters it before any step runs.
 */
final class StoredPlanCheck {
    private final EventCodec codec;

    StoredPlanCheck(EventCodec codec) {
        this.codec = codec;
    }

    Future<Void> check(Pool pool, PhaseCommand command) {
        return pool.preparedQuery("SELECT target, plan_event FROM zdm.migrations WHERE migration_id = $1")
                .execute(Tuple.of(command.getMigrationId()))
                .compose(rows -> {
                    if (rows.size() == 0) return denied(command, "no plan is stored for this migration on target " + command.getTarget());
                    Row row = rows.iterator().next();
                    if (!command.getTarget().equals(row.getString("target"))) return denied(command, "the stored plan is for another target");
                    if (row.getBuffer("plan_event") == null) return denied(command, "the migration has no stored plan (it was rejected)");
                    MigrationPlanned plan = codec.decode(row.getBuffer("plan_event").getBytes(), MigrationPlanned.class);
                    boolean planned = plan.getPhases().stream().anyMatch(p -> p.equals(command.getPhase()));
                    return planned ? Future.succeededFuture()
                            : denied(command, "phase " + command.getPhase().getPhaseId() + " differs from every phase of the stored plan");
                });
    }

    private static Future<Void> denied(PhaseCommand command, String why) {
        return Future.failedFuture(new ZdmException(ErrorCode.ACCESS_DENIED, "phase command for " + command.getMigrationId()
                + " refused, nothing ran: " + why));
    }
}

package dev.zdm.executor.messaging;

import dev.zdm.events.PhaseCommand;
import dev.zdm.executor.batch.Fence;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The executor's side of {@code zdm.phase_leases}: one owner per running phase of a migration. A
 * command is run only by the executor that takes its lease, and only while the planner's record says
 * that phase and attempt are dispatched (so a late duplicate of a finished or superseded command runs
 * nothing). A live lease of the same phase and attempt held by another executor means the phase is in
 * hand; a lease of an earlier phase or attempt is superseded (its run is fenced off).
 */
final class PhaseLeases {
    private final String owner;
    private final long ttlMs;

    /**
     * @param owner this process, unique among executors (instance id and a random part)
     * @param ttlMs how long a lease lives without renewal: how soon a dead executor's phase is taken over
     */
    PhaseLeases(String owner, long ttlMs) {
        this.owner = owner;
        this.ttlMs = ttlMs;
    }

    String owner() {
        return owner;
    }

    long ttlMs() {
        return ttlMs;
    }

    /** What acquiring found. */
    sealed interface Outcome {
        /** This executor holds the lease now. */
        record Taken(Fence fence) implements Outcome {
        }

        /** Another executor runs this phase (its lease is live), or the command is no longer the dispatched one. */
        record Elsewhere(String why) implements Outcome {
        }
    }

    Future<Outcome> acquire(SqlClient client, PhaseCommand command) {
        boolean rollback = "ROLLBACK".equals(command.getDirection());
        int index = command.getPhase().getIndex();
        String sql = """
                WITH dispatched AS (
                  SELECT 1 FROM zdm.migration_phases p
                   WHERE p.migration_id = $1 AND p.phase_index = $2 AND p.attempt = $4 AND p.status = $7)
                INSERT INTO zdm.phase_leases AS l (migration_id, phase_index, direction, attempt, owner, epoch, expires_at)
                SELECT $1, $2, $3, $4, $5, 1, now() + $6 * interval '1 millisecond' FROM dispatched
                ON CONFLICT (migration_id) DO UPDATE SET phase_index = EXCLUDED.phase_index, direction = EXCLUDED.direction,
                    attempt = EXCLUDED.attempt, owner = EXCLUDED.owner, epoch = l.epoch + 1, taken_at = now(), expires_at = EXCLUDED.expires_at
                 WHERE l.expires_at < now()
                    OR (l.phase_index, l.direction, l.attempt) IS DISTINCT FROM (EXCLUDED.phase_index, EXCLUDED.direction, EXCLUDED.attempt)
                RETURNING epoch""";
        Tuple args = Tuple.of(command.getMigrationId(), index, command.getDirection(), command.getAttempt(), owner, ttlMs,
                rollback ? "ROLLING_BACK" : "DISPATCHED");
        return client.preparedQuery(sql).execute(args).compose(rows -> {
            if (rows.size() == 1) return Future.succeededFuture((Outcome) new Outcome.Taken(new Fence(owner, rows.iterator().next().getLong(0))));
            return why(client, command).map(w -> (Outcome) new Outcome.Elsewhere(w));
        });
    }

    /** Why a command was not taken, for the log line. */
    private static Future<String> why(SqlClient client, PhaseCommand command) {
        return client.preparedQuery("SELECT (SELECT status || ' attempt ' || attempt FROM zdm.migration_phases WHERE migration_id = $1 AND phase_index = $2), "
                        + "(SELECT owner || ' until ' || expires_at FROM zdm.phase_leases WHERE migration_id = $1)")
                .execute(Tuple.of(command.getMigrationId(), command.getPhase().getIndex()))
                .map(rows -> {
                    var row = rows.iterator().next();
                    String phase = row.getString(0);
                    String lease = row.getString(1);
                    return "phase " + command.getPhase().getPhaseId() + " is " + (phase == null ? "unknown" : phase)
                            + (lease == null ? "" : ", lease held by " + lease);
                });
    }

    /** Extends this executor's lease; false when it is no longer this executor's. */
    Future<Boolean> renew(SqlClient client, String migrationId, Fence fence) {
        return client.preparedQuery("UPDATE zdm.phase_leases SET expires_at = now() + $4 * interval '1 millisecond' "
                        + "WHERE migration_id = $1 AND owner = $2 AND epoch = $3")
                .execute(Tuple.of(migrationId, fence.owner(), fence.epoch(), ttlMs)).map(rows -> rows.rowCount() == 1);
    }

    /** Whether this executor still holds the lease. */
    Future<Boolean> holds(SqlClient client, String migrationId, Fence fence) {
        return client.preparedQuery("SELECT " + Fence.holds(1, 2, 3)).execute(Tuple.of(migrationId, fence.owner(), fence.epoch()))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Gives the lease back (after the result is published). */
    Future<Void> release(SqlClient client, String migrationId, Fence fence) {
        return client.preparedQuery("DELETE FROM zdm.phase_leases WHERE migration_id = $1 AND owner = $2 AND epoch = $3")
                .execute(Tuple.of(migrationId, fence.owner(), fence.epoch())).mapEmpty();
    }
}

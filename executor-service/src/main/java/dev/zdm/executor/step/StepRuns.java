package dev.zdm.executor.step;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Completed steps in {@code zdm.step_runs}: what makes a re-delivered phase command skip finished work. */
public final class StepRuns {
    private StepRuns() {
    }

    /** Rows affected by the completed step, or -1 when it has not completed. */
    public static Future<Long> completed(SqlClient client, String migrationId, String stepId, String direction) {
        return client.preparedQuery("SELECT rows_affected FROM zdm.step_runs WHERE migration_id = $1 AND step_id = $2 "
                        + "AND direction = $3 AND status = 'COMPLETED'")
                .execute(Tuple.of(migrationId, stepId, direction))
                .map(rows -> rows.size() == 0 ? -1L : rows.iterator().next().getLong(0));
    }

    /** Records the step as completed; run it in the step's own transaction where the step has one. */
    public static Future<Void> record(SqlClient client, String migrationId, String stepId, String direction, long rows, String detail) {
        return client.preparedQuery("INSERT INTO zdm.step_runs (migration_id, step_id, direction, status, rows_affected, detail) "
                        + "VALUES ($1, $2, $3, 'COMPLETED', $4, $5) ON CONFLICT (migration_id, step_id, direction) "
                        + "DO UPDATE SET status = 'COMPLETED', rows_affected = EXCLUDED.rows_affected, detail = EXCLUDED.detail, finished_at = now()")
                .execute(Tuple.of(migrationId, stepId, direction, rows, detail)).mapEmpty();
    }
}

package dev.zdm.executor.batch;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Reads and writes a backfill's row in {@code zdm._migration_progress}. {@link #advance} runs on the
 * batch's own connection, inside its transaction, so the checkpoint moves if and only if the batch
 * commits: a killed executor resumes exactly after the last committed batch.
 */
public final class ProgressStore {
    static final String TABLE = "zdm._migration_progress";
    private static final String COLUMNS = "last_key, batches_completed, rows_affected, rows_total, key_min, key_max, status";

    /** The step's checkpoint, if it ever started. */
    public Future<Optional<Checkpoint>> read(SqlClient client, StepRef ref) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE migration_id = $1 AND step_id = $2")
                .execute(Tuple.of(ref.migrationId(), ref.stepId()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toCheckpoint(rows.iterator().next())));
    }

    /**
     * Creates the step's row with the range bounded now, unless a row exists; returns the row that
     * holds (the existing one wins, so a re-run keeps its original bounds).
     */
    public Future<Checkpoint> begin(SqlClient client, StepRef ref, KeyRange range, Long rowsTotal, int batchSize) {
        String sql = "INSERT INTO " + TABLE + " (migration_id, phase, step_id, batches_completed, rows_affected, rows_total,"
                + " last_key, batch_size, status, started_at, updated_at, key_min, key_max)"
                + " VALUES ($1, $2, $3, 0, 0, $4, NULL, $5, 'starting', now(), now(), $6, $7)"
                + " ON CONFLICT (migration_id, step_id) DO NOTHING";
        Tuple args = Tuple.of(ref.migrationId(), ref.phaseId(), ref.stepId(), rowsTotal, batchSize,
                range == null ? null : range.min(), range == null ? null : range.max());
        return client.preparedQuery(sql).execute(args)
                .compose(done -> read(client, ref))
                .map(row -> row.orElseThrow(() -> new ZdmException(ErrorCode.INTERNAL,
                        "progress row of " + ref + " vanished right after it was written", ref.stepId())));
    }

    /** Records the step's state (and the batch size it will resume with). */
    public Future<Void> status(SqlClient client, StepRef ref, BackfillState state, int batchSize) {
        return client.preparedQuery("UPDATE " + TABLE + " SET status = $3, batch_size = $4, updated_at = now()"
                        + " WHERE migration_id = $1 AND step_id = $2")
                .execute(Tuple.of(ref.migrationId(), ref.stepId(), state.status(), batchSize))
                .mapEmpty();
    }

    /**
     * Moves the checkpoint from {@code expectedLastKey} to {@code newLastKey}, inside the batch's
     * transaction. Fails (and so rolls the batch back) when the checkpoint is not where this run
     * left it (another executor is running the same step, and doing the range twice must not happen)
     * or when the run's {@link Fence} no longer holds (its lease was taken over, or the migration ended).
     */
    public Future<Void> advance(SqlClient batchConnection, StepRef ref, String expectedLastKey, String newLastKey,
                                long rowsAffected, int batchSize) {
        String sql = "UPDATE " + TABLE + " SET last_key = $3, batches_completed = batches_completed + 1,"
                + " rows_affected = rows_affected + $4, batch_size = $5, updated_at = now()"
                + " WHERE migration_id = $1 AND step_id = $2 AND last_key IS NOT DISTINCT FROM $6"
                + (ref.fence() == null ? "" : " AND " + Fence.holds(1, 7, 8))
                + " RETURNING 1";
        Tuple args = Tuple.of(ref.migrationId(), ref.stepId(), newLastKey, rowsAffected, batchSize, expectedLastKey);
        if (ref.fence() != null) args.addString(ref.fence().owner()).addLong(ref.fence().epoch());
        return batchConnection.preparedQuery(sql).execute(args)
                .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : refused(batchConnection, ref, expectedLastKey));
    }

    /** Why a checkpoint did not move: the fence, or the checkpoint itself. */
    private static Future<Void> refused(SqlClient client, StepRef ref, String expectedLastKey) {
        if (ref.fence() == null) return Future.failedFuture(moved(ref, expectedLastKey));
        return client.preparedQuery("SELECT " + Fence.holds(1, 2, 3)).execute(Tuple.of(ref.migrationId(), ref.fence().owner(), ref.fence().epoch()))
                .compose(rows -> Future.failedFuture(rows.iterator().next().getBoolean(0) ? moved(ref, expectedLastKey) : new ZdmException(ErrorCode.NOT_ALLOWED,
                        "the lease of " + ref.migrationId() + " (" + ref.fence() + ") is gone: another executor took the phase over, or the "
                                + "migration ended; this run stops before it writes again", ref.stepId())));
    }

    private static ZdmException moved(StepRef ref, String expectedLastKey) {
        return new ZdmException(ErrorCode.NOT_ALLOWED, "checkpoint of " + ref + " is no longer at key " + expectedLastKey
                + ": another executor is running this step; this run stops so no range is done twice", ref.stepId());
    }

    private static Checkpoint toCheckpoint(Row row) {
        return new Checkpoint(row.getString("last_key"), orZero(row.getLong("batches_completed")),
                orZero(row.getLong("rows_affected")), row.getLong("rows_total"), row.getString("key_min"),
                row.getString("key_max"), row.getString("status"));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}

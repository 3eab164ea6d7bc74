package dev.zdm.executor.batch;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;

/**
 * Runs one batch as its own short transaction: {@code SET LOCAL lock_timeout, statement_timeout};
 * probe the batch's upper key; update the pending rows in the range; move the checkpoint. Either
 * all of it commits or none of it does. Holds nothing once the returned future completes.
 */
final class BatchTransaction {
    private final Pool pool;
    private final BackfillSql sql;
    private final ProgressStore store;
    private final StepRef ref;
    private final long lockTimeoutMs;
    private final long statementTimeoutMs;

    BatchTransaction(Pool pool, BackfillSql sql, ProgressStore store, StepRef ref, long lockTimeoutMs, long statementTimeoutMs) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.store = Objects.requireNonNull(store, "store");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.lockTimeoutMs = lockTimeoutMs;
        this.statementTimeoutMs = statementTimeoutMs;
    }

    /** Runs the batch of up to {@code rows} keys after {@code cursor}, never past {@code runEnd}. */
    Future<BatchResult> run(Cursor cursor, String runEnd, int rows) {
        long started = System.nanoTime();
        return pool.withTransaction(conn -> limits(conn)
                        .compose(v -> probe(conn, cursor, runEnd, rows))
                        .compose(upper -> update(conn, cursor, upper)
                                .compose(affected -> store.advance(conn, ref, cursor.lastKey(), upper, affected, rows)
                                        .map(v -> new BatchResult(upper, affected, rows, upper.equals(runEnd),
                                                (System.nanoTime() - started) / 1_000_000)))));
    }

    private Future<Void> limits(SqlConnection conn) {
        return conn.preparedQuery("SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)")
                .execute(Tuple.of(lockTimeoutMs + "ms", statementTimeoutMs + "ms"))
                .mapEmpty();
    }

    private Future<String> probe(SqlConnection conn, Cursor cursor, String runEnd, int rows) {
        return conn.preparedQuery(sql.probeQuery(cursor.inclusive()))
                .execute(Tuple.of(cursor.fromKey(), runEnd, (long) rows - 1))
                .map(found -> found.size() == 0 ? runEnd : found.iterator().next().getString("k"));
    }

    private Future<Long> update(SqlConnection conn, Cursor cursor, String upper) {
        return conn.preparedQuery(sql.updateQuery(cursor.inclusive()))
                .execute(Tuple.of(cursor.fromKey(), upper))
                .map(result -> (long) result.rowCount());
    }
}

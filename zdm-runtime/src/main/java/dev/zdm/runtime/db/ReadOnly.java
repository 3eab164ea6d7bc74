package dev.zdm.runtime.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * Reads a database inside a {@code READ ONLY} transaction that is always rolled back: PostgreSQL
 * itself refuses any write the work attempts ({@code 25006 read_only_sql_transaction}), and, the
 * transaction's snapshot being taken before the work starts, a {@code SET TRANSACTION READ WRITE} too
 * ({@code 25001}). For zdm's own reads of a live database that must never change it, such as
 * {@code zdm plan --pg}'s catalog reads. Not a sandbox for SQL from elsewhere: a {@code COMMIT} in it
 * would end the transaction.
 */
public final class ReadOnly {
    private ReadOnly() {
    }

    /**
     * Runs {@code work} on one connection of {@code pool} inside {@code BEGIN ISOLATION LEVEL
     * REPEATABLE READ READ ONLY} (one snapshot for every read, taken first), then rolls back and gives the
     * connection back, whatever the outcome.
     */
    public static <T> Future<T> read(Pool pool, Function<SqlConnection, Future<T>> work) {
        return pool.withConnection(conn -> conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1").execute()
                .compose(begun -> work.apply(conn))
                .transform(done -> conn.query("ROLLBACK").execute().transform(rolledBack -> done.failed()
                        ? Future.failedFuture(done.cause())
                        : rolledBack.failed() ? Future.failedFuture(rolledBack.cause()) : Future.succeededFuture(done.result()))));
    }
}

package dev.zdm.executor.step;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Supplier;

/**
 * Runs a statement that may take long (DDL, an index build, a VALIDATE) so the executor's heartbeat
 * can see it in {@code pg_stat_activity}: the connection's backend pid is recorded on the phase's
 * control for as long as the statement runs.
 */
final class WatchedStatement {
    private WatchedStatement() {
    }

    static <T> Future<T> run(StepContext ctx, String stepId, SqlConnection conn, Supplier<Future<T>> statement) {
        return conn.query("SELECT pg_backend_pid()").execute().compose(rows -> {
            int pid = rows.iterator().next().getInteger(0);
            ctx.control().statementStarted(pid, stepId);
            return statement.get().eventually(() -> {
                ctx.control().statementEnded(pid);
                return Future.succeededFuture();
            });
        });
    }
}

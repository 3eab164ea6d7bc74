package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.ZdmSessions;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Objects;

/**
 * Cancels the current statement of one of zdm's own sessions ({@code pg_cancel_backend}, never
 * {@code pg_terminate_backend}): zdm's step then fails with a retriable error and retries later.
 *
 * <p>Two locks keep the application's sessions safe: the method takes only a {@link ZdmBlocker},
 * which cannot be made for an application session, and the statement checks the <em>live</em>
 * session's {@code application_name} again, so a pid reused by an application backend since the
 * sample is never cancelled. Never blocks; thread-safe.
 */
public final class ZdmCanceller {
    static final String SQL = """
            SELECT pg_cancel_backend(pid) AS cancelled
              FROM pg_stat_activity
             WHERE pid = $1
               AND starts_with(application_name, $2)
               AND pid <> pg_backend_pid()""";

    private final SqlClient client;

    /** @param client a pool or connection to the target; its role needs {@code pg_signal_backend} or must own zdm's sessions */
    public ZdmCanceller(SqlClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Cancels the blocker's current statement.
     *
     * @return true when a cancel signal was sent; false when that pid is gone or is not a zdm
     *         session any more
     */
    public Future<Boolean> cancel(ZdmBlocker blocker) {
        return client.preparedQuery(SQL)
                .execute(Tuple.of(blocker.pid(), ZdmSessions.APPLICATION_NAME_PREFIX))
                .map(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("cancelled")));
    }
}

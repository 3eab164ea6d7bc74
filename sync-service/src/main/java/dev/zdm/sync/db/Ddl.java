package dev.zdm.sync.db;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.runtime.messaging.Retry;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sync's own short DDL (replica identity, publications) the way every zdm DDL runs: with a
 * small {@code lock_timeout}, so it never queues in front of the application for long, and retried
 * with backoff while the lock is not available.
 */
public final class Ddl {
    private static final Logger LOG = LoggerFactory.getLogger(Ddl.class);
    /** Pauses after a lock timeout or a deadlock: 100 ms doubling to 2 s (the count is the caller's). */
    private static final Backoff PAUSES = new Backoff(100, 2_000, Integer.MAX_VALUE, 0);

    private Ddl() {
    }

    /**
     * Runs {@code sql} in its own transaction with {@code lock_timeout = lockTimeoutMs}, up to
     * {@code attempts} times while it times out on its lock or is a deadlock's victim (its transaction
     * rolled back whole either way); other errors are thrown at once.
     */
    public static void run(Connection conn, String sql, long lockTimeoutMs, int attempts) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                try (Statement s = conn.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = " + lockTimeoutMs);
                    s.execute(sql);
                    conn.commit();
                    return;
                } catch (SQLException e) {
                    conn.rollback();
                    boolean deadlock = SqlStates.DEADLOCK_DETECTED.equals(e.getSQLState());
                    if (!SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && !deadlock) throw e;
                    if (attempt >= attempts) {
                        throw new ZdmException(deadlock ? ErrorCode.TRANSIENT_CONFLICT : ErrorCode.LOCK_TIMEOUT, deadlock
                                ? "'" + sql + "' was a deadlock's victim " + attempts + " times; try again later"
                                : "could not get the lock for '" + sql + "' within " + lockTimeoutMs + " ms in " + attempts
                                + " attempts; a long transaction holds the table; try again later", null, e.getSQLState(), e);
                    }
                    long pause = PAUSES.delayMs(attempt, ThreadLocalRandom.current().nextDouble());
                    LOG.debug("{} on '{}', attempt {}, retrying in {} ms", deadlock ? "deadlock" : "lock timeout", sql, attempt, pause);
                    Retry.sleep(pause);
                }
            }
        } finally {
            conn.setAutoCommit(auto);
        }
    }
}

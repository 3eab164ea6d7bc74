package dev.zdm.planner.truth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** The search_path and timeouts a statement runs under, set for a transaction or for a session and reset. */
final class SessionSettings {
    private SessionSettings() {
    }

    /** Sets them until the current transaction ends. */
    static Future<Void> forTransaction(SqlClient c, String searchPath, String lockTimeout, String statementTimeout) {
        return set(c, searchPath, lockTimeout, statementTimeout, true);
    }

    /** Sets them for the session; {@link #reset} before the connection goes back to its pool. */
    static Future<Void> forSession(SqlClient c, String searchPath, String lockTimeout, String statementTimeout) {
        return set(c, searchPath, lockTimeout, statementTimeout, false);
    }

    static Future<Void> reset(SqlClient c) {
        return c.query("RESET search_path; RESET lock_timeout; RESET statement_timeout").execute().mapEmpty();
    }

    private static Future<Void> set(SqlClient c, String searchPath, String lockTimeout, String statementTimeout, boolean local) {
        return c.preparedQuery("SELECT set_config('search_path', $1, $4), set_config('lock_timeout', $2, $4), "
                        + "set_config('statement_timeout', $3, $4)")
                .execute(Tuple.of(searchPath, lockTimeout, statementTimeout, local)).mapEmpty();
    }
}

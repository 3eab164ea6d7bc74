package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.HashMap;
import java.util.Map;

/**
 * Observes a statement from its own session inside a transaction that is always rolled back: the
 * sandbox's relations and relfilenodes are read first (by OID, so renames do not matter), then the
 * statement runs, then the backend's own {@code pg_locks} rows and the relfilenodes are read again.
 */
final class InTransaction {
    private final TruthSettings settings;

    InTransaction(TruthSettings settings) {
        this.settings = settings;
    }

    Future<Observation> observe(Pool pool, Sandbox sandbox, String sql) {
        return pool.getConnection().compose(conn -> Cleanup.after(inTransaction(conn, sandbox, sql), conn::close));
    }

    private Future<Observation> inTransaction(SqlConnection conn, Sandbox sandbox, String sql) {
        Future<Observation> observed = conn.query("BEGIN").execute()
                .compose(begun -> SessionSettings.forTransaction(conn, sandbox.schema(), settings.lockTimeoutSql(), settings.statementTimeoutSql()))
                .compose(set -> Relations.inSchema(conn, sandbox.schema()))
                .compose(before -> conn.query(sql).execute()
                        .compose(ran -> PgLocks.ofThisBackend(conn))
                        .compose(locks -> Relations.filenodes(conn, before.keySet()).map(after -> {
                            Map<Long, LockMode> strongest = new HashMap<>();
                            PgLocks.fold(locks, before, strongest);
                            return new Observation(PgLocks.byName(strongest, before), Relations.rewritten(before, after), true);
                        })));
        return Cleanup.after(observed, () -> conn.query("ROLLBACK").execute());
    }
}

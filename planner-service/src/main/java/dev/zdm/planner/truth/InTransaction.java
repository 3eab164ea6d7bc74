package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Observes a statement from its own session inside a transaction that is always rolled back: the
 * sandbox's relations, relfilenodes and sequential-scan row counters are read first (by OID, so
 * renames do not matter), then the statement runs, then the backend's own {@code pg_locks} rows,
 * the relfilenodes and the counters are read again.
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
                .compose(begun -> SessionSettings.forTransaction(conn, sandbox.searchPath(), settings.lockTimeoutSql(), settings.statementTimeoutSql()))
                .compose(set -> Relations.inSandbox(conn, sandbox))
                .compose(before -> Relations.rowsScanned(conn, before.keySet())
                        .compose(rowsBefore -> conn.query(sql).execute()
                                .compose(ran -> after(conn, before, rowsBefore))));
        return Cleanup.after(observed, () -> conn.query("ROLLBACK").execute());
    }

    private static Future<Observation> after(SqlConnection conn, Map<Long, Relation> before, Map<Long, Long> rowsBefore) {
        Map<Long, LockMode> strongest = new HashMap<>();
        return PgLocks.ofThisBackend(conn)
                .compose(locks -> {
                    PgLocks.fold(locks, before, strongest);
                    return Relations.filenodes(conn, before.keySet());
                })
                .compose(filenodes -> Relations.rowsScanned(conn, before.keySet())
                        .map(rowsAfter -> new Observation(PgLocks.byName(strongest, before), Relations.rewritten(before, filenodes),
                                scanned(before, rowsBefore, rowsAfter), true)));
    }

    private static Set<String> scanned(Map<Long, Relation> relations, Map<Long, Long> before, Map<Long, Long> after) {
        Set<String> out = new TreeSet<>();
        relations.values().forEach(r -> {
            Long b = before.get(r.oid());
            Long a = after.get(r.oid());
            if (b != null && a != null && a > b) out.add(r.key());
        });
        return out;
    }
}

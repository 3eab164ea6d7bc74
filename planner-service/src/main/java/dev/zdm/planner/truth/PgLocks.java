package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code pg_locks} (predicate locks left out) for one backend and folds it into the strongest lock per relation. */
final class PgLocks {
    private static final String COLUMNS = "SELECT CASE WHEN locktype = 'relation' THEN relation::bigint END AS relation, mode, granted "
            + "FROM pg_locks WHERE mode <> 'SIReadLock' "
            + "AND (database IS NULL OR database = (SELECT oid FROM pg_database WHERE datname = current_database())) ";

    private PgLocks() {
    }

    /** Locks held or awaited by the backend running the query. */
    static Future<List<HeldLock>> ofThisBackend(SqlClient client) {
        return client.query(COLUMNS + "AND pid = pg_backend_pid()").execute().map(PgLocks::rows);
    }

    /** Locks held or awaited by backend {@code pid}. */
    static Future<List<HeldLock>> ofBackend(SqlClient client, int pid) {
        return client.preparedQuery(COLUMNS + "AND pid = $1").execute(Tuple.of(pid)).map(PgLocks::rows);
    }

    /** Adds each relation lock of {@code rows} on one of {@code relations} to {@code strongest}, keeping the stronger mode. */
    static void fold(Collection<HeldLock> rows, Map<Long, Relation> relations, Map<Long, LockMode> strongest) {
        for (HeldLock l : rows) {
            if (l.relation() != null && l.mode() != null && relations.containsKey(l.relation())) {
                strongest.merge(l.relation(), l.mode(), LockMode::max);
            }
        }
    }

    /** {@code strongest} keyed by the relation's {@link Sandbox#key}. */
    static Map<String, LockMode> byName(Map<Long, LockMode> strongest, Map<Long, Relation> relations) {
        Map<String, LockMode> out = new HashMap<>();
        strongest.forEach((oid, mode) -> out.put(relations.get(oid).key(), mode));
        return out;
    }

    private static List<HeldLock> rows(RowSet<Row> rows) {
        List<HeldLock> out = new ArrayList<>();
        for (Row r : rows) out.add(new HeldLock(r.getLong("relation"), LockMode.fromName(r.getString("mode")), r.getBoolean("granted")));
        return out;
    }
}

package dev.zdm.planner.truth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a sandbox's relations from {@code pg_class}: before a statement by schema, after it by OID. */
final class Relations {
    private Relations() {
    }

    /** The sandbox's tables, partitioned tables, views, materialized views and foreign tables, by OID. */
    static Future<Map<Long, Relation>> inSandbox(SqlClient client, Sandbox sandbox) {
        return client.preparedQuery("SELECT c.oid::bigint AS oid, n.nspname, c.relname, c.relkind::text AS kind, c.relfilenode::bigint AS filenode "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'm', 'v', 'f') ORDER BY n.nspname, c.relname")
                .execute(Tuple.of(sandbox.schemas().toArray(new String[0])))
                .map(rows -> {
                    Map<Long, Relation> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        String schema = r.getString("nspname");
                        String name = r.getString("relname");
                        out.put(r.getLong("oid"), new Relation(r.getLong("oid"), schema, name, sandbox.key(schema, name),
                                r.getString("kind").charAt(0), r.getLong("filenode")));
                    }
                    return out;
                });
    }

    /** The current {@code relfilenode} of each of {@code oids} that still exists. */
    static Future<Map<Long, Long>> filenodes(SqlClient client, Collection<Long> oids) {
        return client.preparedQuery("SELECT c.oid::bigint AS oid, c.relfilenode::bigint AS filenode FROM pg_class c "
                        + "WHERE c.oid::bigint = ANY($1::bigint[])")
                .execute(Tuple.of(oids.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, Long> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getLong("oid"), r.getLong("filenode")));
                    return out;
                });
    }

    /**
     * Rows read by sequential scans of each of {@code oids} so far in this backend: counts of the
     * current transaction plus any not yet flushed to the statistics system, so only a difference
     * taken inside one transaction means something.
     */
    static Future<Map<Long, Long>> rowsScanned(SqlClient client, Collection<Long> oids) {
        return client.preparedQuery("SELECT c.oid::bigint AS oid, pg_stat_get_xact_tuples_returned(c.oid) AS n FROM pg_class c "
                        + "WHERE c.oid::bigint = ANY($1::bigint[])")
                .execute(Tuple.of(oids.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, Long> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getLong("oid"), r.getLong("n")));
                    return out;
                });
    }

    /** Names of the relations whose relfilenode changed; a dropped relation was not rewritten. */
    static Set<String> rewritten(Map<Long, Relation> before, Map<Long, Long> after) {
        Set<String> out = new TreeSet<>();
        before.values().forEach(r -> {
            Long now = after.get(r.oid());
            if (now != null && now != r.filenode()) out.add(r.key());
        });
        return out;
    }
}

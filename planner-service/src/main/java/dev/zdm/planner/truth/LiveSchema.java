package dev.zdm.planner.truth;

import dev.zdm.domain.sql.TableName;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scratch copy needs from the live database, read from its catalog: the session's
 * {@code search_path}, the kind of every relation a migration names, and the definitions of the
 * ordinary tables among them with everything they depend on ({@link ScratchDdl.Objects}). Catalog
 * reads only; meant for a connection inside a {@code READ ONLY} transaction
 * ({@link dev.zdm.runtime.db.ReadOnly}), which it leaves with an empty transaction-local
 * {@code search_path} so that every printed definition is schema-qualified.
 *
 * @param searchPath the live session's {@code search_path}, which statements run with on the scratch copy
 * @param kinds      {@code relkind} of each named relation that exists
 */
record LiveSchema(String searchPath, Map<TableName, Character> kinds, ScratchDdl.Objects objects) {
    private static final String SYSTEM = "('pg_catalog', 'information_schema')";
    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = %s::regclass "
            + "AND x.objid = %s AND x.deptype = 'e')";
    /** Objects the copied tables' definitions refer to: types, functions, sequences, operator classes... */
    private static final String REFS = "WITH t(oid) AS (SELECT unnest($1::bigint[])::oid), "
            + "objs(classid, objid) AS (SELECT 'pg_class'::regclass::oid, oid FROM t "
            + "UNION ALL SELECT 'pg_attrdef'::regclass::oid, d.oid FROM pg_attrdef d JOIN t ON d.adrelid = t.oid "
            + "UNION ALL SELECT 'pg_constraint'::regclass::oid, k.oid FROM pg_constraint k JOIN t ON k.conrelid = t.oid "
            + "UNION ALL SELECT 'pg_class'::regclass::oid, i.indexrelid FROM pg_index i JOIN t ON i.indrelid = t.oid "
            + "UNION ALL SELECT 'pg_trigger'::regclass::oid, g.oid FROM pg_trigger g JOIN t ON g.tgrelid = t.oid WHERE NOT g.tgisinternal), "
            + "direct AS (SELECT DISTINCT d.refclassid, d.refobjid FROM pg_depend d JOIN objs o ON o.classid = d.classid AND o.objid = d.objid "
            + "WHERE d.deptype = 'n'), "
            + "refs AS (SELECT * FROM direct UNION SELECT 'pg_type'::regclass::oid, CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.typelem END "
            + "FROM direct r JOIN pg_type ty ON r.refclassid = 'pg_type'::regclass AND ty.oid = r.refobjid "
            + "WHERE ty.typtype = 'd' OR ty.typelem <> 0 AND ty.typcategory = 'A') ";

    static Future<LiveSchema> read(SqlConnection conn, Collection<TableName> named) {
        String[] schemas = named.stream().map(TableName::schema).toArray(String[]::new);
        String[] names = named.stream().map(TableName::name).toArray(String[]::new);
        Reading r = new Reading();
        return conn.query("SELECT current_setting('search_path')").execute()
                .compose(rows -> {
                    r.searchPath = rows.iterator().next().getString(0);
                    return conn.query("SET LOCAL search_path = ''").execute();
                })
                .compose(set -> conn.preparedQuery("SELECT c.oid::bigint AS oid, n.nspname, c.relname, c.relkind::text AS kind, "
                        + "c.relpersistence = 'u' AS unlogged FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN unnest($1::text[], $2::text[]) AS w(s, r) ON w.s = n.nspname AND w.r = c.relname "
                        + "ORDER BY n.nspname, c.relname").execute(Tuple.tuple().addArrayOfString(schemas).addArrayOfString(names)))
                .compose(rows -> {
                    for (Row row : rows) {
                        char kind = row.getString("kind").charAt(0);
                        r.kinds.put(new TableName(row.getString("nspname"), row.getString("relname")), kind);
                        if (kind == 'r') r.tables.put(row.getLong("oid"), new TableBuilder(row));
                    }
                    return r.tables.isEmpty() ? Future.succeededFuture(r.done()) : r.readCopy(conn);
                });
    }

    private static final class TableBuilder {
        final String schema;
        final String name;
        final boolean unlogged;
        final List<ScratchDdl.Column> columns = new ArrayList<>();

        TableBuilder(Row row) {
            schema = row.getString("nspname");
            name = row.getString("relname");
            unlogged = row.getBoolean("unlogged");
        }
    }

    private static final class Reading {
        String searchPath;
        final Map<TableName, Character> kinds = new LinkedHashMap<>();
        final Map<Long, TableBuilder> tables = new LinkedHashMap<>();
        final List<ScratchDdl.Extension> extensions = new ArrayList<>();
        final List<ScratchDdl.EnumType> enums = new ArrayList<>();
        final List<ScratchDdl.Domain> domains = new ArrayList<>();
        final List<String> functions = new ArrayList<>();
        final List<ScratchDdl.Sequence> sequences = new ArrayList<>();
        final List<ScratchDdl.Constraint> constraints = new ArrayList<>();
        final List<ScratchDdl.Index> indexes = new ArrayList<>();
        final List<String> triggers = new ArrayList<>();

        LiveSchema done() {
            List<ScratchDdl.Table> copied = tables.values().stream().map(t -> new ScratchDdl.Table(t.schema, t.name, t.unlogged, t.columns)).toList();
            return new LiveSchema(searchPath, kinds, new ScratchDdl.Objects(extensions, enums, domains, functions, sequences, copied,
                    constraints, indexes, triggers));
        }

        Future<LiveSchema> readCopy(SqlConnection conn) {
            Tuple oids = Tuple.tuple().addArrayOfLong(tables.keySet().toArray(new Long[0]));
            return conn.preparedQuery("SELECT a.attrelid::bigint AS rel, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, "
                            + "a.attidentity::text AS identity, a.attgenerated::text AS generated, pg_get_expr(d.adbin, d.adrelid) AS expr, "
                            + "CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation "
                            + "THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation "
                            + "FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid "
                            + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                            + "LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
                            + "WHERE a.attrelid::bigint = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum")
                    .execute(oids)
                    .compose(rows -> {
                        for (Row c : rows) {
                            boolean generated = "s".equals(c.getString("generated"));
                            tables.get(c.getLong("rel")).columns.add(new ScratchDdl.Column(c.getString("attname"), c.getString("type"),
                                    c.getString("collation"), c.getBoolean("attnotnull"), c.getString("identity"),
                                    generated ? c.getString("expr") : null, generated ? null : c.getString("expr")));
                        }
                        return conn.preparedQuery(REFS + "SELECT DISTINCT e.extname, n.nspname FROM refs r JOIN pg_depend x "
                                + "ON x.classid = r.refclassid AND x.objid = r.refobjid AND x.deptype = 'e' "
                                + "JOIN pg_extension e ON e.oid = x.refobjid JOIN pg_namespace n ON n.oid = e.extnamespace "
                                + "ORDER BY e.extname").execute(oids);
                    })
                    .compose(rows -> {
                        rows.forEach(e -> extensions.add(new ScratchDdl.Extension(e.getString(0), e.getString(1))));
                        return conn.preparedQuery(REFS + "SELECT ty.oid::bigint AS oid, n.nspname, ty.typname, ty.typtype::text AS typtype, "
                                + "format_type(ty.typbasetype, ty.typtypmod) AS base, ty.typnotnull, ty.typdefault, "
                                + "(SELECT array_agg(en.enumlabel::text ORDER BY en.enumsortorder) FROM pg_enum en WHERE en.enumtypid = ty.oid) AS labels, "
                                + "(SELECT array_agg(pg_get_constraintdef(k.oid) ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = ty.oid) AS checks "
                                + "FROM refs r JOIN pg_type ty ON r.refclassid = 'pg_type'::regclass AND ty.oid = r.refobjid "
                                + "JOIN pg_namespace n ON n.oid = ty.typnamespace WHERE ty.typtype IN ('e', 'd') AND n.nspname NOT IN " + SYSTEM
                                + " AND " + String.format(NOT_EXTENSION_MEMBER, "'pg_type'", "ty.oid")
                                + " ORDER BY ty.typtype DESC, n.nspname, ty.typname").execute(oids);
                    })
                    .compose(rows -> {
                        for (Row t : rows) {
                            if ("e".equals(t.getString("typtype"))) {
                                enums.add(new ScratchDdl.EnumType(t.getString("nspname"), t.getString("typname"), strings(t, "labels")));
                            } else {
                                domains.add(new ScratchDdl.Domain(t.getString("nspname"), t.getString("typname"), t.getString("base"),
                                        t.getBoolean("typnotnull"), t.getString("typdefault"), strings(t, "checks")));
                            }
                        }
                        return conn.preparedQuery(REFS + "SELECT pg_get_functiondef(p.oid) FROM refs r JOIN pg_proc p "
                                + "ON r.refclassid = 'pg_proc'::regclass AND p.oid = r.refobjid JOIN pg_namespace n ON n.oid = p.pronamespace "
                                + "WHERE p.prokind IN ('f', 'p') AND n.nspname NOT IN " + SYSTEM + " AND "
                                + String.format(NOT_EXTENSION_MEMBER, "'pg_proc'", "p.oid") + " ORDER BY n.nspname, p.proname").execute(oids);
                    })
                    .compose(rows -> {
                        rows.forEach(f -> functions.add(f.getString(0)));
                        return conn.preparedQuery(REFS + "SELECT n.nspname, s.relname FROM refs r JOIN pg_class s "
                                + "ON r.refclassid = 'pg_class'::regclass AND s.oid = r.refobjid AND s.relkind = 'S' "
                                + "JOIN pg_namespace n ON n.oid = s.relnamespace ORDER BY n.nspname, s.relname").execute(oids);
                    })
                    .compose(rows -> {
                        rows.forEach(s -> sequences.add(new ScratchDdl.Sequence(s.getString(0), s.getString(1))));
                        return conn.preparedQuery("SELECT n.nspname, cl.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
                                + "JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                                + "WHERE con.conrelid::bigint = ANY($1) AND (con.contype IN ('p', 'u', 'x', 'c') "
                                + "OR con.contype = 'f' AND con.confrelid::bigint = ANY($1)) "
                                + "ORDER BY con.contype = 'f', con.contype <> 'p', n.nspname, cl.relname, con.conname").execute(oids);
                    })
                    .compose(rows -> {
                        rows.forEach(k -> constraints.add(new ScratchDdl.Constraint(new TableName(k.getString(0), k.getString(1)), k.getString(2), k.getString(3))));
                        return conn.preparedQuery("SELECT n.nspname, cl.relname, ic.relname, pg_get_indexdef(i.indexrelid), i.indisclustered "
                                + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class cl ON cl.oid = i.indrelid "
                                + "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE i.indrelid::bigint = ANY($1) "
                                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
                                + "AND con.contype IN ('p', 'u', 'x')) ORDER BY n.nspname, cl.relname, ic.relname").execute(oids);
                    })
                    .compose(rows -> {
                        rows.forEach(i -> indexes.add(new ScratchDdl.Index(new TableName(i.getString(0), i.getString(1)), i.getString(2), i.getString(3),
                                i.getBoolean(4))));
                        return conn.preparedQuery("SELECT pg_get_triggerdef(g.oid) FROM pg_trigger g WHERE g.tgrelid::bigint = ANY($1) "
                                + "AND NOT g.tgisinternal ORDER BY g.tgrelid, g.tgname").execute(oids);
                    })
                    .map(rows -> {
                        rows.forEach(g -> triggers.add(g.getString(0)));
                        return done();
                    });
        }

        private static List<String> strings(Row row, String column) {
            String[] values = row.getArrayOfStrings(column);
            return values == null ? List.of() : List.of(values);
        }
    }
}

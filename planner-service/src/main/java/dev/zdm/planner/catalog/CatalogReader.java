package dev.zdm.planner.catalog;

import dev.zdm.domain.sql.TableName;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a live database's catalog into a {@link Catalog}: every user table (not {@code pg_catalog},
 * {@code information_schema}, {@code zdm}) with its size, row estimate, columns, indexes, constraints
 * and the objects that depend on it. Five catalog queries, read-only; no table is touched.
 */
public final class CatalogReader {
    private static final String USER_TABLES = "c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'zdm') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    private CatalogReader() {
    }

    private static final class Building {
        final String schema;
        final String name;
        final double reltuples;
        final long bytes;
        final List<ColumnInfo> columns = new ArrayList<>();
        final List<IndexInfo> indexes = new ArrayList<>();
        final List<ConstraintInfo> constraints = new ArrayList<>();
        final List<Dependent> dependents = new ArrayList<>();

        Building(Row r) {
            schema = r.getString("nspname");
            name = r.getString("relname");
            reltuples = r.getDouble("reltuples");
            bytes = r.getLong("bytes");
        }

        TableStats build() {
            return new TableStats(schema, name, reltuples, bytes, columns, indexes, constraints, dependents);
        }
    }

    public static Future<Catalog> read(SqlClient client) {
        Map<Long, Building> tables = new HashMap<>();
        return client.query("SELECT c.oid::bigint AS oid, n.nspname, c.relname, c.reltuples::float8 AS reltuples, "
                        + "pg_table_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_TABLES).execute()
                .compose(rows -> {
                    rows.forEach(r -> tables.put(r.getLong("oid"), new Building(r)));
                    return client.query("SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                            + "pg_get_expr(d.adbin, d.adrelid), pg_get_serial_sequence(a.attrelid::regclass::text, a.attname), col_description(a.attrelid, a.attnum), "
                            + "(SELECT array_agg(g.privilege_type || ' ' || coalesce(r.rolname, '')) FROM aclexplode(a.attacl) g "
                            + "LEFT JOIN pg_roles r ON r.oid = g.grantee) "
                            + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                            + "WHERE a.attnum > 0 AND NOT a.attisdropped AND " + USER_TABLES + " ORDER BY a.attrelid, a.attnum").execute();
                })
                .compose(rows -> {
                    rows.forEach(r -> on(tables, r, t -> t.columns.add(new ColumnInfo(r.getString(1), r.getString(2), r.getBoolean(3),
                            r.getString(4), r.getString(5), r.getString(6), grants(r.getArrayOfStrings(7))))));
                    return client.query("SELECT i.indrelid::bigint, ic.relname, pg_relation_size(i.indexrelid), i.indisunique, "
                            + "i.indisvalid, pg_get_indexdef(i.indexrelid), CASE WHEN i.indpred IS NULL AND i.indexprs IS NULL THEN "
                            + "ARRAY(SELECT a.attname FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, ord) "
                            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] END "
                            + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid").execute();
                })
                .compose(rows -> {
                    rows.forEach(r -> on(tables, r, t -> t.indexes.add(new IndexInfo(r.getString(1), r.getLong(2), r.getBoolean(3),
                            r.getBoolean(4), r.getString(5), r.getArrayOfStrings(6) == null ? List.of() : List.of(r.getArrayOfStrings(6))))));
                    return client.query("SELECT con.conrelid::bigint, con.conname, con.contype::text, pg_get_constraintdef(con.oid), "
                            + "con.convalidated, con.confrelid::bigint, rn.nspname, rc.relname, "
                            + "own_n.nspname, own_c.relname "
                            + "FROM pg_constraint con JOIN pg_class own_c ON own_c.oid = con.conrelid "
                            + "JOIN pg_namespace own_n ON own_n.oid = own_c.relnamespace "
                            + "LEFT JOIN pg_class rc ON rc.oid = con.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                            + "WHERE con.conrelid <> 0").execute();
                })
                .compose(rows -> {
                    rows.forEach(r -> constraint(tables, r));
                    return client.query("SELECT DISTINCT d.refobjid::bigint, v.relname, vn.nspname, pg_get_viewdef(v.oid) "
                            + "FROM pg_depend d JOIN pg_rewrite rw ON rw.oid = d.objid JOIN pg_class v ON v.oid = rw.ev_class "
                            + "JOIN pg_namespace vn ON vn.oid = v.relnamespace WHERE d.classid = 'pg_rewrite'::regclass "
                            + "AND d.refclassid = 'pg_class'::regclass AND v.oid <> d.refobjid AND v.relkind IN ('v', 'm')").execute();
                })
                .compose(rows -> {
                    rows.forEach(r -> on(tables, r, t -> t.dependents.add(new Dependent(Dependent.Kind.VIEW, r.getString(1),
                            new TableName(r.getString(2), r.getString(1)), r.getString(3)))));
                    return client.query("SELECT tg.tgrelid::bigint, tg.tgname, pg_get_triggerdef(tg.oid) FROM pg_trigger tg WHERE NOT tg.tgisinternal "
                            + "UNION ALL SELECT p.polrelid::bigint, p.polname, NULL FROM pg_policy p").execute();
                })
                .map(rows -> {
                    rows.forEach(r -> on(tables, r, t -> t.dependents.add(new Dependent(
                            r.getString(2) == null ? Dependent.Kind.POLICY : Dependent.Kind.TRIGGER, r.getString(1), new TableName(t.schema, t.name), r.getString(2)))));
                    return Catalog.complete(tables.values().stream().map(Building::build).toList());
                });
    }

    /** {@code privilege grantee} pairs as the catalog query prints them; an empty grantee is PUBLIC. */
    private static List<ColumnInfo.Grant> grants(String[] pairs) {
        if (pairs == null) return List.of();
        List<ColumnInfo.Grant> out = new java.util.ArrayList<>();
        for (String p : pairs) {
            int space = p.indexOf(' ');
            String grantee = p.substring(space + 1);
            out.add(new ColumnInfo.Grant(p.substring(0, space), grantee.isEmpty() ? null : grantee));
        }
        return out;
    }

    private static void constraint(Map<Long, Building> tables, Row r) {
        String type = r.getString(2);
        ConstraintInfo.Type kind = switch (type) {
            case "c" -> ConstraintInfo.Type.CHECK;
            case "f" -> ConstraintInfo.Type.FOREIGN_KEY;
            case "u" -> ConstraintInfo.Type.UNIQUE;
            case "p" -> ConstraintInfo.Type.PRIMARY_KEY;
            case "x" -> ConstraintInfo.Type.EXCLUSION;
            default -> null;
        };
        if (kind == null) return;
        TableName referenced = r.getString(7) == null ? null : new TableName(r.getString(6), r.getString(7));
        on(tables, r, t -> t.constraints.add(new ConstraintInfo(r.getString(1), kind, r.getString(3), r.getBoolean(4), referenced)));
        if (kind == ConstraintInfo.Type.FOREIGN_KEY) {
            Building target = tables.get(r.getLong(5));
            if (target != null) target.dependents.add(new Dependent(Dependent.Kind.FOREIGN_KEY, r.getString(1),
                    new TableName(r.getString(8), r.getString(9)), r.getString(3)));
        }
    }

    private static void on(Map<Long, Building> tables, Row r, java.util.function.Consumer<Building> action) {
        Building t = tables.get(r.getLong(0));
        if (t != null) action.accept(t);
    }
}

package dev.zdm.planner.truth;

import dev.zdm.domain.sql.Identifiers;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A committed, schema-only copy of live public tables in a schema {@code zdm_shadow_<epoch
 * seconds>_<random>}, built in one short transaction (the live tables are only read, by LIKE, under
 * ACCESS SHARE with lock_timeout) and dropped with everything in it. The epoch in the name lets a
 * later check drop a shadow whose check died.
 */
final class Shadow {
    private static final String PREFIX = "zdm_shadow_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[a-z0-9]+");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String IN_PUBLIC = "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = 'public' AND cl.relname = ANY($1) ";

    private final String schema;
    private final TruthSettings settings;

    private Shadow(String schema, TruthSettings settings) {
        this.schema = schema;
        this.settings = settings;
    }

    String schema() {
        return schema;
    }

    Sandbox sandbox() {
        return new Sandbox(schema);
    }

    /** Copies the ordinary public tables among {@code tables}; nothing is left when it fails. */
    static Future<Shadow> create(Pool pool, List<String> tables, TruthSettings settings, Instant now) {
        Shadow shadow = new Shadow(name(now), settings);
        return pool.withConnection(conn -> conn.query("BEGIN").execute()
                .compose(begun -> shadow.build(conn, tables.toArray(new String[0])))
                .compose(built -> conn.query("COMMIT").execute())
                .recover(e -> conn.query("ROLLBACK").execute().transform(rolledBack -> Future.failedFuture(e))))
                .map(committed -> shadow);
    }

    /** Drops the shadow and everything a statement left in it. */
    Future<Void> drop(Pool pool) {
        return pool.query("BEGIN; SET LOCAL lock_timeout = " + Identifiers.literal(settings.statementTimeoutSql()) + "; DROP SCHEMA IF EXISTS "
                + Identifiers.quote(schema) + " CASCADE; COMMIT").execute().mapEmpty();
    }

    /** Runs {@code sql} on the shadow and commits it, for the statements after it. */
    Future<Void> apply(Pool pool, String sql) {
        return pool.withConnection(conn -> conn.query("BEGIN").execute()
                .compose(begun -> SessionSettings.forTransaction(conn, schema, settings.lockTimeoutSql(), settings.statementTimeoutSql()))
                .compose(set -> conn.query(sql).execute())
                .compose(ran -> conn.query("COMMIT").execute())
                .recover(e -> conn.query("ROLLBACK").execute().transform(rolledBack -> Future.failedFuture(e)))
                .mapEmpty());
    }

    /** Drops shadows older than the settings' stale age, left by checks that died. */
    static Future<Void> dropStale(Pool pool, TruthSettings settings, Instant now) {
        return pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'zdm\\_shadow\\_%'").execute().compose(rows -> {
            Future<Void> chain = Future.succeededFuture();
            for (Row r : rows) {
                String name = r.getString(0);
                if (stale(name, now, settings.staleShadowAge())) chain = chain.compose(v -> new Shadow(name, settings).drop(pool));
            }
            return chain;
        });
    }

    static boolean stale(String name, Instant now, Duration age) {
        Matcher m = NAME.matcher(name);
        return m.matches() && Instant.ofEpochSecond(Long.parseLong(m.group(1))).plus(age).isBefore(now);
    }

    static String name(Instant now) {
        StringBuilder s = new StringBuilder(PREFIX).append(now.getEpochSecond()).append('_');
        for (int i = 0; i < 8; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return s.toString();
    }

    private Future<Void> build(SqlConnection conn, String[] tables) {
        List<ShadowDdl.Table> copied = new ArrayList<>();
        List<ShadowDdl.Constraint> constraints = new ArrayList<>();
        List<ShadowDdl.Index> indexes = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        Tuple names = Tuple.of(tables);
        return conn.preparedQuery("SELECT set_config('search_path', 'public', true), set_config('lock_timeout', $1, true)")
                .execute(Tuple.of(settings.lockTimeoutSql()))
                .compose(set -> conn.preparedQuery("SELECT cl.relname, cl.relpersistence = 'u' AS unlogged FROM pg_class cl " + IN_PUBLIC
                        + "AND cl.relkind = 'r' ORDER BY cl.relname").execute(names))
                .compose(rows -> {
                    rows.forEach(r -> copied.add(new ShadowDdl.Table(r.getString(0), r.getBoolean(1))));
                    return conn.preparedQuery("SELECT cl.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
                            + "JOIN pg_class cl ON cl.oid = con.conrelid " + IN_PUBLIC + "AND cl.relkind = 'r' AND (con.contype IN ('p', 'u', 'x') "
                            + "OR con.contype = 'f' AND con.confrelid IN (SELECT f.oid FROM pg_class f JOIN pg_namespace fn ON fn.oid = f.relnamespace "
                            + "WHERE fn.nspname = 'public' AND f.relkind = 'r' AND f.relname = ANY($1))) "
                            + "ORDER BY con.contype = 'f', con.contype <> 'p', cl.relname, con.conname").execute(names);
                })
                .compose(rows -> {
                    rows.forEach(r -> constraints.add(new ShadowDdl.Constraint(r.getString(0), r.getString(1), r.getString(2))));
                    return conn.preparedQuery("SELECT cl.relname, quote_ident(ic.relname), format('%I.%I', n.nspname, cl.relname), i.indisunique, "
                            + "pg_get_indexdef(i.indexrelid), i.indisclustered, ic.relname, EXISTS (SELECT 1 FROM pg_constraint con "
                            + "WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) AS backs "
                            + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class cl ON cl.oid = i.indrelid "
                            + IN_PUBLIC + "AND cl.relkind = 'r' ORDER BY cl.relname, ic.relname").execute(names);
                })
                .compose(rows -> {
                    for (Row r : rows) {
                        if (!r.getBoolean("backs")) {
                            indexes.add(new ShadowDdl.Index(r.getString(0), r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4)));
                        }
                        if (r.getBoolean(5)) clusters.add(ShadowDdl.clusterOn(schema, r.getString(0), r.getString(6)));
                    }
                    List<String> ddl = new ArrayList<>(ShadowDdl.build(schema, copied, constraints, indexes));
                    ddl.add(1, "SELECT set_config('search_path', " + Identifiers.literal(Identifiers.quote(schema) + ", public") + ", true)");
                    ddl.addAll(clusters);
                    return runAll(conn, ddl);
                })
                .compose(built -> ownSequences(conn));
    }

    private Future<Void> ownSequences(SqlConnection conn) {
        return conn.preparedQuery("SELECT cl.relname, a.attname FROM pg_attrdef d JOIN pg_class cl ON cl.oid = d.adrelid "
                        + "JOIN pg_namespace n ON n.oid = cl.relnamespace JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                        + "WHERE n.nspname = $1 AND pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%' ORDER BY cl.relname, a.attnum")
                .execute(Tuple.of(schema))
                .compose(rows -> {
                    List<String> ddl = new ArrayList<>();
                    int n = 0;
                    for (Row r : rows) ddl.addAll(ShadowDdl.ownSequence(schema, r.getString(0), r.getString(1), ++n));
                    return runAll(conn, ddl);
                });
    }

    private static Future<Void> runAll(SqlConnection conn, List<String> statements) {
        Future<Void> chain = Future.succeededFuture();
        for (String sql : statements) chain = chain.compose(v -> conn.query(sql).execute().mapEmpty());
        return chain;
    }
}

package dev.zdm.planner.truth;

import dev.zdm.domain.sql.Identifiers;
import dev.zdm.domain.sql.Snippet;
import dev.zdm.runtime.messaging.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database {@code zdm_scratch_<epoch seconds>_<random>} of the live server, created empty from
 * {@code template0} for one check and dropped after it. Statements run there cannot reach the live
 * database's tables whatever they say: PostgreSQL resolves every name inside the connected database
 * only ({@code other_db.schema.table} is refused as a cross-database reference).
 *
 * <p>While the check runs, one connection to the scratch database stays open: a scratch database
 * with no session connected that is older than {@link TruthSettings#orphanAge} was left by a check
 * that died (killed, or its connection lost), and the next check drops it. Creating and dropping it
 * need {@code CREATEDB} (or ownership) on the server, not any privilege on the live database.
 */
final class ScratchDatabase {
    static final String PREFIX = "zdm_scratch_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[a-z0-9]+");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final Pool pool;
    private final SqlConnection keeper;

    private ScratchDatabase(String name, Pool pool, SqlConnection keeper) {
        this.name = name;
        this.pool = pool;
        this.keeper = keeper;
    }

    String name() {
        return name;
    }

    /** A pool of connections to the scratch database, for the statements. */
    Pool pool() {
        return pool;
    }

    /**
     * Creates the database on the live server and connects to it with the live connection's options
     * (user, password, TLS) and another database name. Nothing is left when it fails.
     *
     * @param server  a pool on the live server, used for CREATE and DROP DATABASE only
     * @param options the live connection's options
     * @param size    connections the scratch pool may open at once
     */
    static Future<ScratchDatabase> create(Vertx vertx, Pool server, PgConnectOptions options, int size, Instant now) {
        String name = name(now);
        return server.query("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE template0").execute()
                .compose(created -> {
                    PgConnectOptions scratch = new PgConnectOptions(options).setDatabase(name);
                    // The copy's CREATE ... IF NOT EXISTS and the statements' own notices are not the operator's business.
                    scratch.addProperty("application_name", "zdm-plan-scratch").addProperty("client_min_messages", "warning");
                    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(scratch).using(vertx).build();
                    return pool.getConnection()
                            .map(keeper -> new ScratchDatabase(name, pool, keeper))
                            .recover(e -> pool.close().transform(closed -> dropDatabase(server, name)).transform(dropped -> Future.failedFuture(e)));
                });
    }

    /**
     * Runs the statements that rebuild the copied objects, each on its own in autocommit, with an empty
     * {@code search_path} (the definitions are schema-qualified) and function bodies not checked.
     *
     * @return one line per statement that failed, saying what was not copied and why
     */
    Future<List<String>> fill(List<String> ddl) {
        List<String> notes = new ArrayList<>();
        Future<Void> chain = keeper.query("SET search_path = ''; SET check_function_bodies = off").execute().mapEmpty();
        for (String sql : ddl) {
            chain = chain.compose(v -> keeper.query(sql).execute().<Void>mapEmpty()
                    .otherwise(e -> {
                        notes.add("not copied: " + Snippet.of(sql) + ": " + Errors.classify(e, null).getMessage());
                        return null;
                    }));
        }
        return chain.compose(v -> keeper.query("RESET search_path; RESET check_function_bodies").execute()).map(v -> List.copyOf(notes));
    }

    /** Runs {@code sql} in a committed transaction on the scratch database, with {@code search_path} and timeouts set. */
    Future<Void> apply(String sql, String searchPath, TruthSettings settings) {
        return pool.withConnection(conn -> conn.query("BEGIN").execute()
                .compose(begun -> SessionSettings.forTransaction(conn, searchPath, settings.lockTimeoutSql(), settings.statementTimeoutSql()))
                .compose(set -> conn.query(sql).execute())
                .compose(ran -> conn.query("COMMIT").execute())
                .recover(e -> conn.query("ROLLBACK").execute().transform(rolledBack -> Future.failedFuture(e)))
                .mapEmpty());
    }

    /** Closes every connection to the scratch database and drops it. */
    Future<Void> drop(Pool server) {
        return keeper.close().transform(closed -> pool.close()).transform(closed -> dropDatabase(server, name));
    }

    /**
     * Drops the scratch databases left by checks that died: those older than {@code orphanAge} with no
     * session connected, and any older than {@code staleAge}. One that cannot be dropped (another
     * role's) is left and reported; it never stops the check.
     *
     * @return a line per left-over database, saying whether it was dropped
     */
    static Future<List<String>> dropLeftOver(Pool server, Duration orphanAge, Duration staleAge, Instant now) {
        return server.query("SELECT d.datname, EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid) AS connected "
                        + "FROM pg_database d WHERE d.datname LIKE 'zdm\\_scratch\\_%'").execute()
                .compose(rows -> {
                    List<String> notes = new ArrayList<>();
                    Future<Void> chain = Future.succeededFuture();
                    for (Row r : rows) {
                        String name = r.getString(0);
                        if (!olderThan(name, now, r.getBoolean(1) ? staleAge : orphanAge)) continue;
                        chain = chain.compose(v -> dropDatabase(server, name).transform(dropped -> {
                            notes.add(dropped.succeeded() ? "dropped the left-over scratch database " + name
                                    : "could not drop the left-over scratch database " + name + ": " + Errors.classify(dropped.cause(), null).getMessage());
                            return Future.<Void>succeededFuture();
                        }));
                    }
                    return chain.map(v -> List.copyOf(notes));
                });
    }

    /** True when {@code name} is a scratch database's name whose epoch is older than {@code age} at {@code now}. */
    static boolean olderThan(String name, Instant now, Duration age) {
        Matcher m = NAME.matcher(name);
        return m.matches() && Instant.ofEpochSecond(Long.parseLong(m.group(1))).plus(age).isBefore(now);
    }

    static String name(Instant now) {
        StringBuilder s = new StringBuilder(PREFIX).append(now.getEpochSecond()).append('_');
        for (int i = 0; i < 8; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return s.toString();
    }

    /** {@code WITH (FORCE)} ends sessions still connected to it (a statement that outlived its check). */
    private static Future<Void> dropDatabase(Pool server, String name) {
        return server.query("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)").execute().mapEmpty();
    }
}

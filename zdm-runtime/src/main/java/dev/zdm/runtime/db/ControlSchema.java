package dev.zdm.runtime.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the {@code zdm} control schema in a target database. Idempotent and safe to
 * run from several services at once: each upgrade runs in one transaction under an advisory lock and
 * records its version in {@code zdm.schema_version}.
 */
public final class ControlSchema {
    /** Versions in order; each is {@code db/control/V<n>__<name>.sql} on the classpath. */
    private static final List<String> VERSIONS = List.of("V1__control_schema.sql", "V2__preexisting_objects.sql", "V3__claims.sql",
            "V4__phase_leases.sql", "V5__schema_history.sql");
    /** Arbitrary but fixed: serializes control-schema upgrades across zdm processes. */
    private static final long ADVISORY_LOCK_KEY = 0x7A646D5F63746C31L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlSchema.class);

    private ControlSchema() {
    }

    /** Brings the control schema of the database behind {@code pool} to the latest version. */
    public static Future<Integer> ensure(Pool pool) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")").execute()
                .compose(r -> conn.query("CREATE SCHEMA IF NOT EXISTS zdm; CREATE TABLE IF NOT EXISTS zdm.schema_version ("
                        + "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute())
                .compose(r -> conn.query("SELECT coalesce(max(version), 0) AS v FROM zdm.schema_version").execute())
                .compose(rows -> upgrade(conn, rows.iterator().next().getInteger("v"))));
    }

    private static Future<Integer> upgrade(SqlConnection conn, int applied) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = applied; i < VERSIONS.size(); i++) {
            int version = i + 1;
            String name = VERSIONS.get(i);
            chain = chain.compose(v -> conn.query(read(name)).execute())
                    .compose(r -> conn.preparedQuery("INSERT INTO zdm.schema_version (version, name) VALUES ($1, $2)")
                            .execute(Tuple.of(version, name)))
                    .onSuccess(r -> LOG.info("control schema upgraded to v{} ({})", version, name))
                    .mapEmpty();
        }
        return chain.map(v -> VERSIONS.size());
    }

    /** The latest version this build knows. */
    public static int latestVersion() {
        return VERSIONS.size();
    }


    private static String read(String name) {
        try (InputStream in = ControlSchema.class.getResourceAsStream("/db/control/" + name)) {
            if (in == null) throw new IllegalStateException("missing control schema resource /db/control/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

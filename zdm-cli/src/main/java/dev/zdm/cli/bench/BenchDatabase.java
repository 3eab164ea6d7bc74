package dev.zdm.cli.bench;

import dev.zdm.infra.PgServer;
import dev.zdm.infra.launch.EmbeddedPostgresServer;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database the benchmark runs in: an embedded PostgreSQL started for the run (PostgreSQL only,
 * no broker: the benchmark needs none and the cores are better left to the database), or an existing
 * one given by URL. Stops what it started.
 */
public final class BenchDatabase implements AutoCloseable {
    /** The database created on the embedded server. */
    static final String DATABASE = "zdm_bench";

    private final PgConnectOptions options;
    private final String description;
    private final AutoCloseable owned;

    private BenchDatabase(PgConnectOptions options, String description, AutoCloseable owned) {
        this.options = options;
        this.description = description;
        this.owned = owned;
    }

    /** Starts an embedded server with the project's defaults plus {@code settings}. */
    public static BenchDatabase embedded(Map<String, String> settings) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings);
        try {
            PgServer pg = server.server();
            pg.createDatabase(DATABASE);
            PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(DATABASE)
                    .setUser(pg.user()).setPassword(pg.password());
            return new BenchDatabase(options, server.description(), server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** An existing database: {@code postgresql://user:password@host:port/db} (a {@code jdbc:} prefix is ignored). */
    public static BenchDatabase external(String url) {
        String uri = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri);
        return new BenchDatabase(options, "external " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase(), null);
    }

    PgConnectOptions vertxOptions() {
        return new PgConnectOptions(options);
    }

    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(options.getHost()).append(':').append(options.getPort())
                .append('/').append(options.getDatabase());
        char sep = '?';
        if (options.getUser() != null) {
            url.append(sep).append("user=").append(URLEncoder.encode(options.getUser(), StandardCharsets.UTF_8));
            sep = '&';
        }
        if (options.getPassword() != null) url.append(sep).append("password=").append(URLEncoder.encode(options.getPassword(), StandardCharsets.UTF_8));
        return url.toString();
    }

    /** One line: where, which version, and the settings that move the numbers most. */
    public String describe() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                     + " current_setting('synchronous_commit'), current_setting('shared_buffers'), current_setting('max_wal_size'),"
                     + " current_setting('wal_level')")) {
            rs.next();
            return String.format("%s: PostgreSQL %s, fsync=%s, synchronous_commit=%s, shared_buffers=%s, max_wal_size=%s, wal_level=%s",
                    description, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
        }
    }

    @Override
    public void close() throws Exception {
        if (owned != null) owned.close();
    }
}

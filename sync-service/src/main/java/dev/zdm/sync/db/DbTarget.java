package dev.zdm.sync.db;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.config.TargetConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a target database is, in the parts JDBC and Debezium take separately. Built from a
 * {@link TargetConfig}; the user and password may come from the URL's query or the config's fields
 * (the fields win).
 *
 * @param name     the target's configured name, e.g. {@code main}
 * @param password may be empty, never null
 */
public record DbTarget(String name, String host, int port, String database, String user, String password) {
    public DbTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    /** Parses {@code target}'s URL; throws {@code BAD_CONFIG} when it has no host or database. */
    public static DbTarget of(TargetConfig target) {
        URI uri = URI.create(target.vertxUri());
        Map<String, String> query = query(uri.getRawQuery());
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw new ZdmException(ErrorCode.BAD_CONFIG, "target " + target.name() + " needs postgresql://host:port/database, got "
                    + target.describe());
        }
        String user = target.user() != null ? target.user() : query.getOrDefault("user", "postgres");
        String password = target.password() != null ? target.password() : query.get("password");
        return new DbTarget(target.name(), uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A new connection named {@code zdm-sync-<purpose>} in {@code pg_stat_activity}; the caller closes it. */
    public Connection connect(String purpose) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "zdm-sync-" + purpose);
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Host, port and database: safe to log. */
    public String describe() {
        return name + " (" + host + ":" + port + "/" + database + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}

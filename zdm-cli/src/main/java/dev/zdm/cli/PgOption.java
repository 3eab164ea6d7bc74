package dev.zdm.cli;

import dev.zdm.runtime.config.TargetConfig;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The target database a command reads directly: {@code --pg}, else {@code ZDM_TARGETS_DEFAULT_URL};
 * its password from the URL, else the file {@code --pg-password-file}, else {@code PGPASSWORD}. A
 * password in the URL works but is visible to every user of the machine in {@code ps}: the command
 * says so on stderr.
 */
public final class PgOption {
    @CommandLine.Option(names = "--pg", paramLabel = "URL", description = "target database (postgresql://user@host:port/db or JDBC URL; default: $ZDM_TARGETS_DEFAULT_URL)")
    String url;

    @CommandLine.Option(names = "--pg-password-file", paramLabel = "FILE", description = "file holding the database password (default: $PGPASSWORD)")
    Path passwordFile;

    private boolean warned;

    /** The URL as JDBC, with user and password moved to parameters, and the password from the file or PGPASSWORD when the URL has none. */
    public String jdbcUrl() {
        String u = url != null ? url : System.getenv("ZDM_TARGETS_DEFAULT_URL");
        if (u == null) throw new IllegalArgumentException("no database: pass --pg URL or set ZDM_TARGETS_DEFAULT_URL");
        warnOfPasswordInUrl(u);
        String jdbc = u.startsWith("jdbc:") ? u : fromUri(u);
        String password = jdbc.matches("(?i).*[?&]password=.*") ? null : password();
        if (password == null) return jdbc;
        return jdbc + (jdbc.contains("?") ? "&" : "?") + "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /** The URL as the Vert.x client takes it. */
    public String vertxUri() {
        return jdbcUrl().substring("jdbc:".length());
    }

    /** Connection options for the Vert.x client, password included. */
    public PgConnectOptions connectOptions() {
        return PgConnectOptions.fromUri(vertxUri());
    }

    /** The database as safe to print: no password. */
    public String describe() {
        return TargetConfig.redact(url != null ? url : System.getenv("ZDM_TARGETS_DEFAULT_URL"));
    }

    private String password() {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the password file " + passwordFile + ": " + e.getClass().getSimpleName());
            }
        }
        String env = System.getenv("PGPASSWORD");
        return env == null || env.isEmpty() ? null : env;
    }

    private static String fromUri(String u) {
        java.net.URI uri = java.net.URI.create(u);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost()).append(':')
                .append(uri.getPort() < 0 ? 5432 : uri.getPort()).append(uri.getPath());
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            query = "user=" + parts[0] + (parts.length > 1 ? "&password=" + parts[1] : "") + (query.isEmpty() ? "" : "&" + query);
        }
        return query.isEmpty() ? jdbc.toString() : jdbc.append('?').append(query).toString();
    }

    private void warnOfPasswordInUrl(String u) {
        if (warned || url == null) return;
        warned = warnIfPasswordIn(u, "zdm");
    }

    /** Says on stderr, for {@code command}, when {@code url} (given as an argument) carries a password; true when it did. */
    static boolean warnIfPasswordIn(String url, String command) {
        if (url == null || TargetConfig.redact(url).equals(url)) return false;
        System.err.println(command + ": the password in --pg is visible to every user of this machine (ps); use --pg-password-file FILE or PGPASSWORD");
        return true;
    }
}

package dev.zdm.runtime.config;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * A target database named in configuration ({@code targets.<name>.url}, {@code .user}, {@code .password},
 * {@code .poolSize}, {@code .allow}). Requests name a target; they never carry a connection string.
 *
 * @param url   {@code postgresql://host:port/db} or {@code jdbc:postgresql://host:port/db}, with optional
 *              {@code user}/{@code password} query parameters
 * @param allow what this target's policy lets migrations do that it refuses by default
 *              ({@link #ALLOWANCES}); empty by default
 */
public record TargetConfig(String name, String url, String user, String password, int poolSize, Set<String> allow) {
    /**
     * What a target may allow: {@code copy-program} (COPY ... PROGRAM), {@code alter-system},
     * {@code roles} (CREATE/ALTER/DROP ROLE or USER), {@code extensions} (CREATE EXTENSION) and
     * {@code direct-danger} (statements with a DANGER finding run as written by {@code strategy: direct}).
     */
    public static final Set<String> ALLOWANCES = Set.of("copy-program", "alter-system", "roles", "extensions", "direct-danger");

    public TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        allow = Set.copyOf(allow);
    }

    public TargetConfig(String name, String url, String user, String password, int poolSize) {
        this(name, url, user, password, poolSize, Set.of());
    }

    /** The URL without a {@code jdbc:} prefix, as the Vert.x client parses it. */
    public String vertxUri() {
        return url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    }

    /** The URL as a JDBC URL (Debezium and tools need one). */
    public String jdbcUrl() {
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }

    /** Never the password: a record's default toString would print it wherever a target is logged. */
    @Override
    public String toString() {
        return "TargetConfig[" + describe() + ", user=" + user + ", password=" + (password == null ? "none" : "***") + ", poolSize=" + poolSize
                + ", allow=" + allow + "]";
    }

    /** {@code url} without any password it carries (in the authority or as a query parameter): safe to print. */
    public static String redact(String url) {
        return dev.zdm.domain.sql.ConnectionUrls.redact(url);
    }

    /** Host, port and database only: safe to log. */
    public String describe() {
        URI uri = URI.create(vertxUri());
        return name + " (" + uri.getHost() + ":" + uri.getPort() + uri.getPath() + ")";
    }
}

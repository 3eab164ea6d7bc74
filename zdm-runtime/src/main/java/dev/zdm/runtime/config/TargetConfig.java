package dev.zdm.runtime.config;

import java.net.URI;
import java.util.Objects;

/**
 * A target database named in configuration ({@code targets.<name>.url}, {@code .user}, {@code .password},
 * {@code .poolSize}). Requests name a target; they never carry a connection string.
 *
 * @param url {@code postgresql://host:port/db} or {@code jdbc:postgresql://host:port/db}, with optional
 *            {@code user}/{@code password} query parameters
 */
public record TargetConfig(String name, String url, String user, String password, int poolSize) {
    public TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    /** The URL without a {@code jdbc:} prefix, as the Vert.x client parses it. */
    public String vertxUri() {
        return url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    }

    /** The URL as a JDBC URL (Debezium and tools need one). */
    public String jdbcUrl() {
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }

    /** Host, port and database only: safe to log. */
    public String describe() {
        URI uri = URI.create(vertxUri());
        return name + " (" + uri.getHost() + ":" + uri.getPort() + uri.getPath() + ")";
    }
}

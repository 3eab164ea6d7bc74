package dev.zdm.cli;

import picocli.CommandLine;

/** The target database a command reads directly: {@code --pg}, else {@code ZDM_TARGETS_DEFAULT_URL}. */
public final class PgOption {
    @CommandLine.Option(names = "--pg", paramLabel = "URL", description = "target database (postgresql://user:pass@host:port/db or JDBC URL; default: $ZDM_TARGETS_DEFAULT_URL)")
    String url;

    /** The URL as JDBC, with user and password moved to parameters when given in the authority. */
    public String jdbcUrl() {
        String u = url != null ? url : System.getenv("ZDM_TARGETS_DEFAULT_URL");
        if (u == null) throw new IllegalArgumentException("no database: pass --pg URL or set ZDM_TARGETS_DEFAULT_URL");
        if (u.startsWith("jdbc:")) return u;
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

    /** The URL as the Vert.x client takes it. */
    public String vertxUri() {
        String jdbc = jdbcUrl();
        return jdbc.substring("jdbc:".length());
    }
}

package dev.zdm.monitor.probe;

/**
 * Client connections in use against the server's limit.
 *
 * @param used           client backends connected to the whole server (all databases)
 * @param maxConnections {@code max_connections}
 * @param reserved       connections reserved for superusers ({@code superuser_reserved_connections},
 *                       plus {@code reserved_connections} on PostgreSQL 16+), which the
 *                       application cannot use
 */
public record ConnectionReading(int used, int maxConnections, int reserved) {
    public static final ConnectionReading NONE = new ConnectionReading(0, 1, 0);

    public ConnectionReading {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
    }

    /** {@code used / max_connections}, from 0 up to (and rarely past, for superusers) 1. */
    public double useRatio() {
        return (double) used / maxConnections;
    }
}

package dev.zdm.executor.gate;

import java.util.Locale;

/** The three states of a circuit breaker, ordered from least to most restrictive for the executor. */
public enum BreakerState {
    /** Healthy: full speed. */
    CLOSED,
    /** Probing after a cool-down: a trickle of small batches. */
    HALF_OPEN,
    /** Tripped: no new batch starts. */
    OPEN;

    /**
     * The state named in a {@code CircuitBreakerEvent} ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN},
     * any case, {@code -} or {@code _}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static BreakerState parse(String name) {
        if (name == null) throw new IllegalArgumentException("breaker state must not be null");
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (normal) {
            case "CLOSED" -> CLOSED;
            case "HALF_OPEN", "HALFOPEN" -> HALF_OPEN;
            case "OPEN" -> OPEN;
            default -> throw new IllegalArgumentException("unknown breaker state '" + name + "'; expected CLOSED, OPEN or HALF_OPEN");
        };
    }
}

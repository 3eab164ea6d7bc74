package dev.zdm.monitor.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * A breaker changed state: what the monitor publishes as a {@code CircuitBreakerEvent} on
 * {@code zdm.breaker} (keyed by {@code breaker}). Field for field the event's.
 *
 * @param breaker      the breaker's name
 * @param target       the target it guards ({@link BreakerNames#ALL_TARGETS} for all)
 * @param from         the state before ({@code previousState})
 * @param to           the state after ({@code state})
 * @param reason       why, for people; never null
 * @param metric       the metric key behind it; null for an operator reset
 * @param value        the reading; null for an operator reset
 * @param threshold    the threshold; null for an operator reset
 * @param failureCount consecutive unhealthy samples at the time
 * @param zdmIsBlocker true when zdm's own session is what the application waits behind
 * @param at           when it happened
 */
public record Transition(String breaker, String target, BreakerState from, BreakerState to, String reason,
                         String metric, Double value, Double threshold, int failureCount, boolean zdmIsBlocker,
                         Instant at) {

    public Transition {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}

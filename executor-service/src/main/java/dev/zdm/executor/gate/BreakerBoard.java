package dev.zdm.executor.gate;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of every circuit breaker the executor has heard of, by breaker name. Fed from
 * outside (the executor's consumer of {@code zdm.breaker}); read by every {@link ThrottleGate}.
 *
 * <p>Thread-safe: {@link #update} may be called from the Kafka consumer while gates read on the
 * event loop. Events older than the one held for a breaker are ignored, so a re-delivered or
 * reordered event cannot reopen a breaker that has since closed.
 */
public final class BreakerBoard {
    /** Breakers whose target is this value guard every database (a monitor-wide breaker). */
    public static final String ANY_TARGET = "*";

    private final Map<String, BreakerReading> byName = new ConcurrentHashMap<>();

    /** Records a breaker's state unless a newer one is already held. */
    public void update(BreakerReading reading) {
        byName.merge(reading.name(), reading, (held, incoming) -> incoming.atMs() >= held.atMs() ? incoming : held);
    }

    /** Convenience for the Kafka wiring: the fields of a {@code CircuitBreakerEvent}. */
    public void update(String breakerName, String target, String state, String reason, long atMs) {
        update(new BreakerReading(breakerName, target, BreakerState.parse(state), reason, atMs));
    }

    /** Breakers guarding {@code target} (or every target), as a snapshot. */
    public List<BreakerReading> guarding(String target) {
        return byName.values().stream()
                .filter(r -> r.target().equals(target) || r.target().equals(ANY_TARGET))
                .sorted(Comparator.comparing(BreakerReading::name))
                .toList();
    }

    /** The most restrictive breaker guarding {@code target}; empty when none is known or all are closed. */
    public Optional<BreakerReading> worst(String target) {
        return guarding(target).stream()
                .filter(r -> r.state() != BreakerState.CLOSED)
                .max(Comparator.comparing(BreakerReading::state));
    }
}

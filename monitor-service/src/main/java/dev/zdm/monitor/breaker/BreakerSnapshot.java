package dev.zdm.monitor.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * One breaker's state, as one row of {@code zdm._migration_circuit_breakers}.
 *
 * @param name         {@code breaker_name}, e.g. {@code target:orders-db} or {@code migration_executor}
 * @param target       {@code target}: the target it guards, {@link BreakerNames#ALL_TARGETS} for all; never null
 * @param state        {@code state}
 * @param failureCount {@code failure_count}: consecutive unhealthy samples
 * @param successCount {@code success_count}: consecutive healthy samples while half-open
 * @param openedAt     {@code opened_at}: when it last opened; null while closed
 * @param updatedAt    {@code updated_at}: when the row last changed; never null
 * @param lastReason   {@code last_reason}: the reason of the last unhealthy decision or transition; may be null
 */
public record BreakerSnapshot(String name, String target, BreakerState state, int failureCount, int successCount,
                              Instant openedAt, Instant updatedAt, String lastReason) {

    public BreakerSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A breaker never seen before: closed, no counts. */
    public static BreakerSnapshot initial(String name, String target, Instant now) {
        return new BreakerSnapshot(name, target, BreakerState.CLOSED, 0, 0, null, now, null);
    }

    /** True when everything but {@code updatedAt} is the same: nothing worth writing changed. */
    public boolean sameAs(BreakerSnapshot other) {
        return name.equals(other.name) && target.equals(other.target) && state == other.state
                && failureCount == other.failureCount && successCount == other.successCount
                && Objects.equals(openedAt, other.openedAt) && Objects.equals(lastReason, other.lastReason);
    }
}

package dev.zdm.executor.gate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the {@link GatePolicy} decides from, collected by a {@link ThrottleGate}.
 *
 * @param worstBreaker          the most restrictive non-closed breaker guarding the target, if any
 * @param targetBatchMs         the batch time the sizer aims for
 * @param recentBatchMs         durations of the most recent batches, oldest first (may be empty)
 * @param recentLockTimeouts    lock timeouts (SQLSTATE 55P03) on the backfill's own statements within the policy's window
 */
public record GateReadings(Optional<BreakerReading> worstBreaker, long targetBatchMs, List<Long> recentBatchMs,
                           int recentLockTimeouts) {
    public GateReadings {
        Objects.requireNonNull(worstBreaker, "worstBreaker");
        recentBatchMs = List.copyOf(recentBatchMs);
        if (targetBatchMs < 1) throw new IllegalArgumentException("target batch time must be positive");
        if (recentLockTimeouts < 0) throw new IllegalArgumentException("lock timeout count must not be negative");
    }

    /** Readings with nothing to worry about: no breaker, no batches, no lock timeouts. */
    public static GateReadings calm(long targetBatchMs) {
        return new GateReadings(Optional.empty(), targetBatchMs, List.of(), 0);
    }
}

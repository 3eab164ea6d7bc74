package dev.zdm.executor.gate;

import java.util.Objects;

/**
 * What a backfill does before its next batch. Every decision but {@link FullSpeed} carries a
 * human-readable reason that goes into the progress event's {@code throttleReason}.
 */
public sealed interface ThrottleDecision {
    /** Tag of a hold on an open breaker. */
    String BREAKER_OPEN = "breaker_open";
    /** Tag of a trickle under a half-open breaker. */
    String BREAKER_HALF_OPEN = "breaker_half_open";
    /** Tag of a slow-down after lock timeouts on the backfill's own statements. */
    String LOCK_TIMEOUTS = "lock_timeouts";
    /** Tag of a slow-down after batches ran well over their target time. */
    String SLOW_BATCHES = "slow_batches";

    /** Why the backfill is throttled, in words for people, or null at full speed. */
    String reason();

    /**
     * The kind of reason as a short fixed word for metric tags and log fields (one of the constants
     * above), or null at full speed. Unlike {@link #reason()} it never carries readings.
     */
    String tag();

    /** Milliseconds to wait before starting the next batch (on top of the plan's {@code delayMs}). */
    long pauseBeforeMs();

    /** Largest batch allowed now, or {@link Integer#MAX_VALUE} when the sizer decides alone. */
    int maxRows();

    /** No throttling: the batch sizer alone decides. */
    record FullSpeed() implements ThrottleDecision {
        @Override
        public String reason() {
            return null;
        }

        @Override
        public String tag() {
            return null;
        }

        @Override
        public long pauseBeforeMs() {
            return 0;
        }

        @Override
        public int maxRows() {
            return Integer.MAX_VALUE;
        }
    }

    /** Run the next batch at the sizer's size, but only after a pause (the database looks strained). */
    record Slow(long pauseBeforeMs, String tag, String reason) implements ThrottleDecision {
        public Slow {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(reason, "reason");
            if (pauseBeforeMs < 0) throw new IllegalArgumentException("pause must not be negative");
        }

        @Override
        public int maxRows() {
            return Integer.MAX_VALUE;
        }
    }

    /** A half-open breaker: one small batch after each pause. */
    record Trickle(int maxRows, long pauseBeforeMs, String reason) implements ThrottleDecision {
        public Trickle {
            Objects.requireNonNull(reason, "reason");
            if (maxRows < 1) throw new IllegalArgumentException("a trickle must allow at least one row");
            if (pauseBeforeMs < 0) throw new IllegalArgumentException("pause must not be negative");
        }

        @Override
        public String tag() {
            return BREAKER_HALF_OPEN;
        }
    }

    /** An open breaker: start no batch; ask again after {@code recheckMs}. */
    record Hold(long recheckMs, String reason) implements ThrottleDecision {
        public Hold {
            Objects.requireNonNull(reason, "reason");
            if (recheckMs < 1) throw new IllegalArgumentException("recheck interval must be positive");
        }

        @Override
        public long pauseBeforeMs() {
            return recheckMs;
        }

        @Override
        public String tag() {
            return BREAKER_OPEN;
        }

        @Override
        public int maxRows() {
            return 0;
        }
    }
}

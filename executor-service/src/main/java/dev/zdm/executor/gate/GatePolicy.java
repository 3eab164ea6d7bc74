package dev.zdm.executor.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pure decision: readings in, {@link ThrottleDecision} out, with its reason. Breakers come
 * first (an operator-visible, monitor-wide signal beats local evidence), then lock timeouts on the
 * backfill's own statements, then batch times.
 */
public final class GatePolicy {
    /**
     * How often a held backfill looks at the board again. Short enough that a closing breaker
     * resumes work within a quarter second; the check itself is a map read, so it costs nothing.
     */
    public static final long HOLD_RECHECK_MS = 250;
    /**
     * Rows in one half-open trickle batch: small enough that its row locks are held for a few
     * milliseconds, large enough to prove the database is healthy again with a real write.
     */
    public static final int TRICKLE_ROWS = 100;
    /**
     * Pause before each trickle batch. One small batch a second keeps load negligible while the
     * breaker's probe decides whether to close.
     */
    public static final long TRICKLE_PAUSE_MS = 1_000;
    /**
     * Window in which the backfill's own lock timeouts count as evidence. A lock timeout means a
     * batch met an application transaction holding row locks; ten seconds covers a burst of them
     * without remembering one from minutes ago.
     */
    public static final long LOCK_WINDOW_MS = 10_000;
    /** Pause per recent lock timeout: enough for a typical application transaction to finish. */
    public static final long LOCK_PAUSE_MS = 500;
    /**
     * Batches whose median time is looked at. Five smooths out one unlucky batch (a checkpoint, an
     * autovacuum pass) while still reacting within a second at the default target.
     */
    public static final int BATCH_WINDOW = 5;
    /**
     * Median batch time, as a multiple of the target, above which the gate slows down. The sizer
     * already shrinks batches after one slow batch; a median still twice the target means smaller
     * batches are not helping and the database itself is slow.
     */
    public static final double SLOW_FACTOR = 2.0;
    /** Longest pause the gate imposes on its own evidence; beyond it an operator or a breaker should act. */
    public static final long MAX_PAUSE_MS = 5_000;

    private GatePolicy() {
    }

    /** The decision for these readings. Pure and deterministic. */
    public static ThrottleDecision decide(GateReadings readings) {
        if (readings.worstBreaker().isPresent()) {
            BreakerReading breaker = readings.worstBreaker().get();
            return switch (breaker.state()) {
                case OPEN -> new ThrottleDecision.Hold(HOLD_RECHECK_MS, breaker.describe());
                case HALF_OPEN -> new ThrottleDecision.Trickle(TRICKLE_ROWS, TRICKLE_PAUSE_MS, breaker.describe());
                case CLOSED -> decideOnEvidence(readings);
            };
        }
        return decideOnEvidence(readings);
    }

    private static ThrottleDecision decideOnEvidence(GateReadings readings) {
        int lockTimeouts = readings.recentLockTimeouts();
        if (lockTimeouts > 0) {
            long pause = Math.min(MAX_PAUSE_MS, LOCK_PAUSE_MS * lockTimeouts);
            return new ThrottleDecision.Slow(pause, ThrottleDecision.LOCK_TIMEOUTS, lockTimeouts + " lock timeout(s) on the backfill's own statements in the last "
                    + LOCK_WINDOW_MS / 1000 + " s: application transactions hold the rows");
        }
        List<Long> window = lastBatches(readings.recentBatchMs());
        if (window.size() == BATCH_WINDOW) {
            long median = median(window);
            if (median > SLOW_FACTOR * readings.targetBatchMs()) {
                return new ThrottleDecision.Slow(Math.min(MAX_PAUSE_MS, median), ThrottleDecision.SLOW_BATCHES,
                        "median batch time " + median + " ms over the last " + BATCH_WINDOW + " batches exceeds "
                                + SLOW_FACTOR + "x the " + readings.targetBatchMs() + " ms target");
            }
        }
        return new ThrottleDecision.FullSpeed();
    }

    private static List<Long> lastBatches(List<Long> all) {
        return all.size() <= BATCH_WINDOW ? all : all.subList(all.size() - BATCH_WINDOW, all.size());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

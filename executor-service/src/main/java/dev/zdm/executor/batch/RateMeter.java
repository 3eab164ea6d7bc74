package dev.zdm.executor.batch;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A recent rate: the slope of a running total over the last {@link #WINDOW_MS}. Pure (time is
 * passed in); not thread-safe.
 */
public final class RateMeter {
    /**
     * Five seconds: long enough to average over dozens of 100 ms batches, short enough that the
     * rate drops visibly within seconds of a breaker opening.
     */
    public static final long WINDOW_MS = 5_000;

    private final Deque<long[]> samples = new ArrayDeque<>();

    /** The running total was {@code total} at {@code nowMs}. */
    public void record(long nowMs, long total) {
        samples.addLast(new long[] {nowMs, total});
        trim(nowMs);
    }

    /** Units per second over the window ending at {@code nowMs}; 0 with fewer than two samples or no time. */
    public double perSecond(long nowMs) {
        trim(nowMs);
        if (samples.size() < 2) return 0;
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long span = Math.max(nowMs, last[0]) - first[0];
        return span <= 0 ? 0 : (last[1] - first[1]) * 1000.0 / span;
    }

    /**
     * Milliseconds to cover {@code remaining} units at {@code perSecond}; null when the rate is zero
     * or the remainder unknown.
     */
    public static Long etaMs(Long remaining, double perSecond) {
        if (remaining == null || perSecond <= 0) return null;
        return (long) Math.ceil(Math.max(0, remaining) * 1000.0 / perSecond);
    }

    private void trim(long nowMs) {
        while (samples.size() > 2 && samples.peekFirst()[0] < nowMs - WINDOW_MS) samples.removeFirst();
    }
}

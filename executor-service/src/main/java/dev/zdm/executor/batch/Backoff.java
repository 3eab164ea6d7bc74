package dev.zdm.executor.batch;

/**
 * Exponential backoff with "equal jitter" for retrying a batch: attempt n waits between half and
 * all of {@code min(max, base * 2^(n-1))}. Never zero (so a retry never hammers a lock that was
 * just refused) and spread (so executors that failed together do not retry together).
 *
 * @param baseMs      the first attempt's ceiling
 * @param maxMs       the ceiling no attempt exceeds
 * @param maxAttempts retries allowed for one batch before the step fails
 */
public record Backoff(long baseMs, long maxMs, int maxAttempts) {
    /**
     * 50 ms doubles to a 5 s ceiling over eight attempts: about 15 s of trying in all, enough to
     * outlast a typical application transaction or a failover, short enough that an operator
     * learns of a permanent lock conflict within a minute.
     */
    public static final Backoff DEFAULT = new Backoff(50, 5_000, 8);

    public Backoff {
        if (baseMs < 1 || maxMs < baseMs) throw new IllegalArgumentException("need 1 <= baseMs <= maxMs");
        if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts must not be negative");
    }

    /**
     * How long to wait before retry number {@code attempt} (1 for the first retry).
     *
     * @param random01 a uniform random number in [0, 1)
     */
    public long delayMs(int attempt, double random01) {
        if (attempt < 1) throw new IllegalArgumentException("attempts count from 1");
        int doublings = Math.min(attempt - 1, 30);
        long ceiling = Math.min(maxMs, baseMs << doublings);
        long half = ceiling / 2;
        return half + (long) Math.floor((ceiling - half) * Math.max(0, Math.min(random01, 1)));
    }

    /** True when retry number {@code attempt} is still allowed. */
    public boolean allows(int attempt) {
        return attempt <= maxAttempts;
    }
}

package dev.zdm.domain.error;

/**
 * The one retry policy of zdm: exponential backoff with "equal jitter" (attempt n waits between half
 * and all of {@code min(max, base * 2^(n-1))}; never zero, so a retry never hammers a lock that was
 * just refused, and spread, so workers that failed together do not retry together), and what is
 * retried for how long:
 * <ul>
 *   <li>a permanent error ({@link ErrorCode#retriable()} false): never;</li>
 *   <li>a lost database or broker ({@link ErrorCode#CONNECTION_LOST}, which includes "the database
 *       system is shutting down"): for {@code outageWindowMs} since the first failure, whatever the
 *       count, since a restart or a failover is a wait and not a failure;</li>
 *   <li>any other retriable error (lock timeout, deadlock, statement timeout): {@code maxAttempts}
 *       retries.</li>
 * </ul>
 * Pure.
 *
 * @param baseMs         the first retry's ceiling
 * @param maxMs          the ceiling no retry exceeds
 * @param maxAttempts    retries of a retriable error other than a lost connection
 * @param outageWindowMs how long a lost connection is retried, from the first failure; 0 counts it
 *                       like any retriable error
 */
public record Backoff(long baseMs, long maxMs, int maxAttempts, long outageWindowMs) {
    /** Five minutes: a PostgreSQL restart, a failover, or a broker restart fit in it with room. */
    public static final long DEFAULT_OUTAGE_WINDOW_MS = 300_000;

    /**
     * 50 ms doubles to a 5 s ceiling over eight attempts: about 15 s of trying in all, enough to
     * outlast a typical application transaction, short enough that an operator learns of a permanent
     * lock conflict within a minute; a lost connection is retried for five minutes.
     */
    public static final Backoff DEFAULT = new Backoff(50, 5_000, 8, DEFAULT_OUTAGE_WINDOW_MS);

    public Backoff {
        if (baseMs < 1 || maxMs < baseMs) throw new IllegalArgumentException("need 1 <= baseMs <= maxMs");
        if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts must not be negative");
        if (outageWindowMs < 0) throw new IllegalArgumentException("outageWindowMs must not be negative");
    }

    /** The same delays with {@code window} for a lost connection. */
    public Backoff withOutageWindow(long window) {
        return new Backoff(baseMs, maxMs, maxAttempts, window);
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

    /** True when retry number {@code attempt} is still allowed (by count). */
    public boolean allows(int attempt) {
        return attempt <= maxAttempts;
    }

    /**
     * What to do after failure number {@code attempt} (from 1) with {@code code}: the delay before the
     * next try, or -1 to give up.
     *
     * @param failingForMs how long the action has been failing (since its first failure)
     * @param random01     a uniform random number in [0, 1)
     */
    public long next(ErrorCode code, int attempt, long failingForMs, double random01) {
        if (!code.retriable()) return -1;
        if (code == ErrorCode.CONNECTION_LOST && outageWindowMs > 0) {
            return failingForMs < outageWindowMs ? Math.min(delayMs(attempt, random01), Math.max(1, outageWindowMs - failingForMs)) : -1;
        }
        return allows(attempt) ? delayMs(attempt, random01) : -1;
    }

    /** Why {@link #next} gave up, for the error that ends the action. */
    public String gaveUp(ErrorCode code, int attempts, long failingForMs) {
        if (!code.retriable()) return "";
        if (code == ErrorCode.CONNECTION_LOST && outageWindowMs > 0) {
            return "still unreachable after " + failingForMs + " ms (" + attempts + " attempts; the outage window is " + outageWindowMs + " ms)";
        }
        return "still failing after " + attempts + " attempts over " + failingForMs + " ms";
    }
}

package dev.zdm.executor.step;

import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many
 * executors do not fall into step with each other while each still waits at least half the nominal delay.
 */
public final class Backoff {
    private final long firstMs;
    private final long maxMs;
    private final LongUnaryOperator random;

    /** @param random gives a value in [0, bound] for a bound; injectable for tests */
    public Backoff(long firstMs, long maxMs, LongUnaryOperator random) {
        if (firstMs < 1 || maxMs < firstMs) throw new IllegalArgumentException("need 1 <= firstMs <= maxMs");
        this.firstMs = firstMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    public static Backoff withJitter(long firstMs, long maxMs) {
        return new Backoff(firstMs, maxMs, bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} failures (attempt >= 1). */
    public long delayMs(int attempt) {
        long nominal = attempt >= 40 ? maxMs : Math.min(maxMs, firstMs << Math.max(0, attempt - 1));
        long half = nominal / 2;
        return nominal - half + random.applyAsLong(half);
    }
}

package dev.zdm.domain.plan;

/**
 * How a progressive backfill is paced, with the strategy guide's names.
 *
 * @param batchSize         rows in the first batch; the executor adapts it to a target batch time
 * @param delayMs           pause between batches
 * @param maxDurationMs     the backfill stops (resumably) after this long; 0 means no limit
 * @param rolloutPercentage share of the key range to do in this run, 1..100
 */
public record BatchOptions(int batchSize, long delayMs, long maxDurationMs, int rolloutPercentage) {
    /** Small first batches: the sizer grows them once it has measured the table. */
    public static final BatchOptions DEFAULT = new BatchOptions(1_000, 0, 0, 100);

    public BatchOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        if (delayMs < 0) throw new IllegalArgumentException("delayMs must not be negative, was " + delayMs);
        if (maxDurationMs < 0) throw new IllegalArgumentException("maxDurationMs must not be negative, was " + maxDurationMs);
        if (rolloutPercentage < 1 || rolloutPercentage > 100) {
            throw new IllegalArgumentException("rolloutPercentage must be within 1..100, was " + rolloutPercentage);
        }
    }
}

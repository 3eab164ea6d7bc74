package dev.zdm.executor.batch;

/**
 * Chooses the next batch size from how long the last batch took, aiming at a target batch time.
 * Grows slowly (at most {@link #MAX_GROWTH}x per batch, and only as far as the measured speed
 * says the target allows), shrinks at once in proportion when a batch overruns, and brakes hard
 * when a batch takes {@link #BRAKE_FACTOR} times the target or longer: the proportional size,
 * halved again.
 *
 * <p>Pure and immutable; thread-safe.
 */
public final class BatchSizer {
    /**
     * Default batch time to aim for. Row locks a batch takes are held until it commits, so this is
     * also the longest an application write to one of those rows waits behind the backfill. 25 ms:
     * measured with {@code zdm bench backfill} (docs/bench-backfill.md), it cut the application's
     * worst write from 72-80 ms to 11-15 ms on 1M rows and the 5M-row p99 from 95 ms to 6.4 ms, for
     * 2-7 % less backfill throughput; the per-batch round trips (~1 ms) stay a small share.
     */
    public static final long DEFAULT_TARGET_MS = 25;
    /**
     * Smallest batch. Below ten rows the fixed cost of a transaction (begin, probe, checkpoint,
     * commit) dominates and the backfill makes no progress worth its overhead.
     */
    public static final int MIN_ROWS = 10;
    /**
     * Largest batch. Measured here, keyset batches of 10k rows already run at 80-100% of a single
     * UPDATE's speed, so bigger batches buy little; 50k caps the WAL burst and the number of row
     * locks one transaction can hold even on a table where rows are cheap.
     */
    public static final int MAX_ROWS = 50_000;
    /**
     * Growth per batch, at most. A batch's time is noisy (cache misses, checkpoints, a neighbour's
     * query); growing 1.5x reaches a size 50x larger in ten batches while never overshooting the
     * target by more than half on one bad guess.
     */
    public static final double MAX_GROWTH = 1.5;
    /**
     * A batch this many times over target means the database is in trouble (lock waits, I/O
     * saturation), not just that the batch was a little big.
     */
    public static final double BRAKE_FACTOR = 3.0;
    /**
     * Extra cut on a brake, on top of the proportional one. Proportional sizing assumes time grows
     * with rows; under contention it does not (a lock wait costs the same for 10 rows or 10,000), so
     * a proportional cut alone would overshoot the target again. Halving once more gets back under
     * it in one step; the slow growth then finds the right size.
     */
    public static final double BRAKE_CUT = 0.5;

    private final long targetMs;
    private final int minRows;
    private final int maxRows;

    /** A sizer with the defaults: 25 ms target, 10..50,000 rows. */
    public BatchSizer() {
        this(DEFAULT_TARGET_MS, MIN_ROWS, MAX_ROWS);
    }

    /**
     * @param targetMs batch time to aim for, positive
     * @param minRows  hard lower cap, at least 1
     * @param maxRows  hard upper cap, at least {@code minRows}
     */
    public BatchSizer(long targetMs, int minRows, int maxRows) {
        if (targetMs < 1) throw new IllegalArgumentException("target batch time must be positive, was " + targetMs);
        if (minRows < 1 || maxRows < minRows) {
            throw new IllegalArgumentException("need 1 <= minRows <= maxRows, was " + minRows + ".." + maxRows);
        }
        this.targetMs = targetMs;
        this.minRows = minRows;
        this.maxRows = maxRows;
    }

    public long targetMs() {
        return targetMs;
    }

    /** The plan's requested first batch size, within the caps. */
    public int initial(int requested) {
        return clamp(requested);
    }

    /**
     * The size after a batch of {@code currentRows} that took {@code elapsedMs}.
     *
     * @param currentRows the size the batch was run with
     * @param elapsedMs   its wall time, from begin to commit
     */
    public int next(int currentRows, long elapsedMs) {
        double ratio = (double) targetMs / Math.max(1, elapsedMs);
        double factor;
        if (elapsedMs >= BRAKE_FACTOR * targetMs) {
            factor = ratio * BRAKE_CUT;
        } else {
            factor = Math.min(ratio, MAX_GROWTH);
        }
        return clamp((long) Math.floor(currentRows * factor));
    }

    /** The size for "retry with a smaller batch": half the current one, or {@code requested} when given. */
    public int smaller(int currentRows, Integer requested) {
        return requested == null ? clamp(currentRows / 2) : clamp(requested);
    }

    private int clamp(long rows) {
        return (int) Math.max(minRows, Math.min(maxRows, rows));
    }
}

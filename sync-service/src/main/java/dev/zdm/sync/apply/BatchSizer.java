package dev.zdm.sync.apply;

/**
 * Sizes the initial copy's batches by a target batch time: a batch that ran under the target lets the
 * next grow, by at most 1.5x (a sudden jump could hold row locks far longer than measured); one that ran
 * over it shrinks the next at once, in proportion. Not thread-safe; one per copy.
 */
public final class BatchSizer {
    /** Growth per batch is capped so a lucky fast batch does not triple the next one's lock time. */
    private static final double MAX_GROWTH = 1.5;
    private final long targetMs;
    private final int min;
    private final int max;
    private int size;

    /**
     * @param targetMs how long a batch should take
     * @param initial  the first batch's size
     * @param min      never smaller: progress must go on even on a slow table
     * @param max      never larger: bounds the rows a batch holds locked
     */
    public BatchSizer(long targetMs, int initial, int min, int max) {
        if (targetMs <= 0 || min <= 0 || max < min) throw new IllegalArgumentException("need targetMs > 0 and 0 < min <= max");
        this.targetMs = targetMs;
        this.min = min;
        this.max = max;
        this.size = clamp(initial);
    }

    public int size() {
        return size;
    }

    /** Records that a batch of the current size took {@code elapsedMs}; returns the next size. */
    public int record(long elapsedMs) {
        double ratio = elapsedMs <= 0 ? MAX_GROWTH : (double) targetMs / elapsedMs;
        size = clamp((int) Math.round(size * Math.min(MAX_GROWTH, ratio)));
        return size;
    }

    private int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }
}

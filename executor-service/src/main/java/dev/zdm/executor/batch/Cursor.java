package dev.zdm.executor.batch;

import java.util.Objects;

/**
 * Where the next batch starts: after {@code lastKey}, or at the range's minimum itself before the
 * first batch.
 *
 * @param lastKey  the last key done, or null before the first batch
 * @param rangeMin the range's smallest key
 */
public record Cursor(String lastKey, String rangeMin) {
    public Cursor {
        Objects.requireNonNull(rangeMin, "rangeMin");
    }

    /** The key the next batch's bounds start from. */
    public String fromKey() {
        return lastKey == null ? rangeMin : lastKey;
    }

    /** True for the first batch, whose lower bound includes {@link #fromKey()}. */
    public boolean inclusive() {
        return lastKey == null;
    }
}

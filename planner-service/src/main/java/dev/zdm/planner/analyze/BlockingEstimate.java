package dev.zdm.planner.analyze;

/**
 * How long a statement would make the application wait, and what the number rests on.
 *
 * @param millis estimated blocking time; -1 when it cannot be estimated
 * @param basis  what it rests on
 */
public record BlockingEstimate(long millis, Basis basis) {
    /** What an estimate rests on. */
    public enum Basis {
        /** The statement's locks block neither reads nor writes of any table in use. */
        NO_BLOCKING,
        /** The table was created earlier in this migration: nobody uses it yet. */
        NEW_TABLE,
        /** Only the catalog changes: the lock is held for milliseconds (once granted). */
        CATALOG_ONLY,
        /** From the table's measured size and an analyzed row count. */
        MEASURED,
        /** From the table's size, but {@code reltuples} is -1 (never vacuumed or analyzed): a guess. */
        NEVER_ANALYZED,
        /** The catalog does not know the table: nothing to estimate from. */
        UNKNOWN_SIZE,
        /** From the rows PostgreSQL's planner expects the statement to touch ({@code EXPLAIN}) and the table's row size. */
        EXPLAINED,
        /** The lock is held until the explicit transaction ends: the time of the statements after it in that transaction. */
        HELD_IN_TRANSACTION
    }

    public static final BlockingEstimate NONE = new BlockingEstimate(0, Basis.NO_BLOCKING);

    /** True when the number is a guess (or missing) rather than derived from analyzed statistics. */
    public boolean guess() {
        return basis == Basis.NEVER_ANALYZED || basis == Basis.UNKNOWN_SIZE;
    }

    /** True when there is no number at all. */
    public boolean unknown() {
        return millis < 0;
    }
}

package dev.zdm.planner.analyze;

/** What a statement does to the rows of its main table while it holds its lock; ordered by cost. */
public enum Work {
    /** Only the catalog changes. */
    CATALOG_ONLY,
    /** Reads every row (constraint validation, SET NOT NULL). */
    SCAN,
    /** Reads every row and sorts them into an index. */
    INDEX_BUILD,
    /** Writes a new version of every row it touches and holds their row locks (a whole-table UPDATE/DELETE). */
    ROW_WRITES,
    /** Writes a new copy of the table and all its indexes (a new relfilenode). */
    REWRITE;

    /** The costlier of the two. */
    public Work max(Work other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}

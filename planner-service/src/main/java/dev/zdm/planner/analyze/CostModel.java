package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.TableStats;

/**
 * Rough throughputs that turn a table's size into a blocking time. They describe a modest cloud
 * SSD volume under load, deliberately on the slow side: the estimate decides whether a statement
 * needs zero-downtime handling, and under-estimating is the costly mistake.
 *
 * @param catalogOnlyMs        lock held by a catalog-only change once granted (commit and cache invalidation)
 * @param scanBytesPerMs       sequential read while validating (200 MB/s)
 * @param indexBuildBytesPerMs read, sort and write of one index build, per byte of table (60 MB/s)
 * @param rewriteBytesPerMs    copying the heap with WAL (40 MB/s); indexes are then rebuilt at the index rate
 * @param rowWriteBytesPerMs   updating every row in place with WAL and index maintenance (25 MB/s)
 */
public record CostModel(long catalogOnlyMs, double scanBytesPerMs, double indexBuildBytesPerMs, double rewriteBytesPerMs,
                        double rowWriteBytesPerMs) {
    public static final CostModel DEFAULT = new CostModel(10, 200_000, 60_000, 40_000, 25_000);

    /** Milliseconds {@code work} takes on {@code table}. */
    public long millis(Work work, TableStats table) {
        double bytes = Math.max(0, table.relationBytes());
        double ms = switch (work) {
            case CATALOG_ONLY -> 0;
            case SCAN -> bytes / scanBytesPerMs;
            case INDEX_BUILD -> bytes / indexBuildBytesPerMs;
            case ROW_WRITES -> bytes / rowWriteBytesPerMs;
            case REWRITE -> bytes / rewriteBytesPerMs + table.indexBytes() / indexBuildBytesPerMs;
        };
        return catalogOnlyMs + Math.round(ms);
    }
}

package dev.zdm.domain.plan;

/** The two shapes of sync the sync service runs. */
public enum SyncMode {
    /** Old column to new column of the same table (rename, type change). */
    DUAL_WRITE,
    /** Blue table to green table through a column mapping (restructure). */
    BLUE_GREEN
}

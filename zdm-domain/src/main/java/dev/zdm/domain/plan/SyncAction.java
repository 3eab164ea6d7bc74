package dev.zdm.domain.plan;

/** What a sync step asks of the sync service. */
public enum SyncAction {
    /** Create the slot and publication, start streaming source to target. */
    START,
    /** Stream target back to source (after the application moved to the new shape). */
    REVERSE,
    /** Wait until everything up to the current WAL position is applied. */
    DRAIN,
    /** Stop streaming and drop the slot and publication. */
    STOP
}

package dev.zdm.monitor.probe;

/**
 * WAL one of zdm's replication slots keeps on the server's disk.
 *
 * @param slotName      the slot name (starts with {@value SlotRetentionProbe#SLOT_PREFIX})
 * @param slotType      {@code logical} or {@code physical}
 * @param active        true while a consumer streams from it
 * @param activePid     the consuming walsender's pid, null when inactive
 * @param retainedBytes {@code pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)}; 0 when the slot
 *                      has no restart position (never used, or its WAL was lost)
 * @param walStatus     {@code reserved}, {@code extended}, {@code unreserved} or {@code lost}; empty
 *                      when unknown (never null)
 */
public record SlotRetention(String slotName, String slotType, boolean active, Integer activePid,
                            long retainedBytes, String walStatus) {

    public SlotRetention {
        walStatus = walStatus == null ? "" : walStatus;
    }
}

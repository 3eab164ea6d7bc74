package dev.zdm.sync.session;

import dev.zdm.domain.error.ZdmException;

/**
 * Where a sync stands, or how a command ended: what a {@code SyncStatus} event carries.
 *
 * @param slotName         null when no slot exists (yet, or any more)
 * @param lagMs            end-to-end lag: emit-to-apply time of zdm's last marker, or the age of one still on its way
 * @param lagBytes         WAL written since the last applied event
 * @param retainedWalBytes WAL the slot keeps from being recycled
 * @param caughtUp         the lag is under the caught-up threshold
 * @param error            set when {@code state} is FAILED
 */
public record SyncReport(String migrationId, String phaseId, SyncState state, String slotName, long lagMs, long lagBytes,
                         long retainedWalBytes, long changesApplied, boolean caughtUp, ZdmException error, long atMs) {

    public static SyncReport failed(SyncRequest request, ZdmException error) {
        return new SyncReport(request.migrationId(), request.phaseId(), SyncState.FAILED, null, 0, 0, 0, 0, false, error, System.currentTimeMillis());
    }

    public static SyncReport bare(SyncRequest request, SyncState state) {
        return new SyncReport(request.migrationId(), request.phaseId(), state, null, 0, 0, 0, 0, false, null, System.currentTimeMillis());
    }

    /** This report as the answer {@code state} to the command of {@code phaseId}. */
    public SyncReport answer(String phaseId, SyncState state) {
        return new SyncReport(migrationId, phaseId, state, slotName, lagMs, lagBytes, retainedWalBytes, changesApplied, caughtUp, null,
                System.currentTimeMillis());
    }
}

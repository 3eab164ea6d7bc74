package dev.zdm.sync.session;

import java.util.List;
import java.util.Map;

/**
 * A session as stored in {@code zdm.sync_sessions}: enough to resume it after a restart and to clean
 * up after it. Immutable; each change stores a new record.
 *
 * @param reversed      changes flow from the spec's target to its source (after REVERSE, or after an odd number of SWITCHes)
 * @param sourceOid     the table captured now (OIDs survive the renames of a switch)
 * @param targetOid     the table written now
 * @param activeMapping the mapping applied now
 * @param identities    replica identities zdm changed, to restore on STOP
 * @param copyDone      blue-green: the initial copy finished
 * @param copyCursor    blue-green: the last key copied, as text, or null
 * @param switches      how many SWITCHes were done
 */
public record SessionRecord(SyncSpec spec, String slot, String phaseId, SyncState state, boolean reversed, long sourceOid, long targetOid,
                            Map<String, String> activeMapping, List<IdentityRestore> identities, boolean copyDone, List<String> copyCursor,
                            int switches) {

    /** A replica identity to put back: {@code ALTER TABLE <oid> REPLICA IDENTITY <clause>}. */
    public record IdentityRestore(long oid, String clause) {
    }

    public SessionRecord {
        activeMapping = Map.copyOf(activeMapping);
        identities = List.copyOf(identities);
        copyCursor = copyCursor == null ? null : List.copyOf(copyCursor);
    }

    public SessionRecord withState(String phase, SyncState next) {
        return new SessionRecord(spec, slot, phase, next, reversed, sourceOid, targetOid, activeMapping, identities, copyDone, copyCursor, switches);
    }

    public SessionRecord withCopy(boolean done, List<String> cursor) {
        return new SessionRecord(spec, slot, phaseId, state, reversed, sourceOid, targetOid, activeMapping, identities, done, cursor, switches);
    }

    public SessionRecord withDirection(boolean reversedNow, long source, long target, Map<String, String> mapping, int switchCount) {
        return new SessionRecord(spec, slot, phaseId, state, reversedNow, source, target, mapping, identities, copyDone, copyCursor, switchCount);
    }
}

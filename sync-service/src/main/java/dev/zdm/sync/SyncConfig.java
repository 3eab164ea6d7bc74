package dev.zdm.sync;

import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.sync.session.SessionSettings;
import java.util.List;

/**
 * The sync service's own configuration, every key declared once with its default and range.
 *
 * @param slotCheckIntervalMs how often zdm's replication slots are inspected (retained WAL, orphans)
 * @param dropOrphanSlots     drop zdm slots no running migration owns (else only report them)
 * @param groupId             consumer group of the sync instances
 * @param sessions            the tuning of each sync
 */
public record SyncConfig(long slotCheckIntervalMs, boolean dropOrphanSlots, String groupId, SessionSettings sessions) {
    private static final SessionSettings D = SessionSettings.defaults();
    public static final Key<Long> SLOT_CHECK_INTERVAL = Key.millis("sync.slotCheckIntervalMs", 10_000, 100, 3_600_000,
            "how often zdm's replication slots are inspected for retained WAL and orphans");
    public static final Key<Boolean> DROP_ORPHAN_SLOTS = Key.flag("sync.dropOrphanSlots", false,
            "drop inactive zdm_ slots whose migration is finished or unknown (otherwise only report them)");
    public static final Key<String> GROUP_ID = Key.string("sync.groupId", "zdm-sync", "consumer group of the sync instances");
    public static final Key<Long> STATUS_INTERVAL = Key.millis("sync.statusIntervalMs", D.statusIntervalMs(), 100, 60_000,
            "how often each sync emits a lag marker and publishes its SyncStatus");
    public static final Key<Long> SLOT_CREATE_TIMEOUT = Key.millis("sync.slotCreateTimeoutMs", D.slotCreateTimeoutMs(), 100, 600_000,
            "how long creating a replication slot may wait for open writing transactions before START fails (naming them)");
    public static final Key<Long> STREAM_START_TIMEOUT = Key.millis("sync.streamStartTimeoutMs", D.streamStartTimeoutMs(), 1_000, 600_000,
            "how long START waits for the capture engine to stream");
    public static final Key<Long> DDL_LOCK_TIMEOUT = Key.millis("sync.ddlLockTimeoutMs", D.ddlLockTimeoutMs(), 10, 60_000,
            "lock_timeout of the sync's own DDL (replica identity, publication)");
    public static final Key<Integer> DDL_ATTEMPTS = Key.integer("sync.ddlAttempts", D.ddlAttempts(), 1, 1_000,
            "attempts of the sync's own DDL while its lock times out");
    public static final Key<Long> DRAIN_TIMEOUT = Key.millis("sync.drainTimeoutMs", D.drainTimeoutMs(), 100, 3_600_000,
            "how long DRAIN waits for the sync to catch up");
    public static final Key<Integer> APPLY_ATTEMPTS = Key.integer("sync.applyMaxAttempts", D.applyMaxAttempts(), 1, 100,
            "attempts of one batch's apply on conflicts or lost connections before the sync fails");
    public static final Key<Long> COPY_TARGET_BATCH = Key.millis("sync.copyTargetBatchMs", D.copyTargetBatchMs(), 10, 60_000,
            "target time of one batch of the blue-green initial copy");
    public static final Key<Integer> COPY_MAX_BATCH = Key.integer("sync.copyMaxBatch", D.copyMaxBatch(), 100, 1_000_000,
            "most rows in one batch of the initial copy");
    public static final Key<Integer> VERIFY_CHUNK = Key.integer("sync.verifyChunkRows", D.verifyChunkRows(), 10, 10_000_000,
            "rows per key range compared by VERIFY");
    public static final Key<Integer> VERIFY_ATTEMPTS = Key.integer("sync.verifyAttempts", D.verifyAttempts(), 1, 100,
            "checks of a differing key range, draining the sync between, before VERIFY fails");
    public static final Key<Long> SWITCH_LOCK_TIMEOUT = Key.millis("sync.switchLockTimeoutMs", D.switchLockTimeoutMs(), 10, 60_000,
            "lock_timeout of the switch's locks: how long writers may queue behind a switch that waits for its lock");
    public static final Key<Long> SWITCH_DRAIN_TIMEOUT = Key.millis("sync.switchDrainTimeoutMs", D.switchDrainTimeoutMs(), 10, 60_000,
            "how long the switch, holding off writes, waits for the sync to catch up before it gives up and tries later");
    public static final Key<Integer> SWITCH_ATTEMPTS = Key.integer("sync.switchAttempts", D.switchAttempts(), 1, 10_000,
            "switch attempts before SWITCH fails");
    public static final Key<Long> SWITCH_RETRY_DELAY = Key.millis("sync.switchRetryDelayMs", D.switchRetryDelayMs(), 10, 3_600_000,
            "pause between switch attempts");
    public static final Key<Long> CAUGHT_UP_LAG = Key.millis("sync.caughtUpLagMs", D.caughtUpLagMs(), 1, 3_600_000,
            "lag under which a SyncStatus says caught up");
    public static final List<Key<?>> KEYS = List.of(SLOT_CHECK_INTERVAL, DROP_ORPHAN_SLOTS, GROUP_ID, STATUS_INTERVAL, SLOT_CREATE_TIMEOUT,
            STREAM_START_TIMEOUT, DDL_LOCK_TIMEOUT, DDL_ATTEMPTS, DRAIN_TIMEOUT, APPLY_ATTEMPTS, COPY_TARGET_BATCH, COPY_MAX_BATCH, VERIFY_CHUNK,
            VERIFY_ATTEMPTS, SWITCH_LOCK_TIMEOUT, SWITCH_DRAIN_TIMEOUT, SWITCH_ATTEMPTS, SWITCH_RETRY_DELAY, CAUGHT_UP_LAG);

    public static SyncConfig read(ConfigReader reader) {
        SessionSettings sessions = new SessionSettings(reader.get(STATUS_INTERVAL), reader.get(SLOT_CREATE_TIMEOUT), reader.get(STREAM_START_TIMEOUT),
                reader.get(DDL_LOCK_TIMEOUT), reader.get(DDL_ATTEMPTS), reader.get(DRAIN_TIMEOUT), reader.get(APPLY_ATTEMPTS),
                reader.get(COPY_TARGET_BATCH), reader.get(COPY_MAX_BATCH), reader.get(VERIFY_CHUNK), reader.get(VERIFY_ATTEMPTS),
                reader.get(SWITCH_LOCK_TIMEOUT), reader.get(SWITCH_DRAIN_TIMEOUT), reader.get(SWITCH_ATTEMPTS), reader.get(SWITCH_RETRY_DELAY),
                reader.get(CAUGHT_UP_LAG), reader.get(dev.zdm.runtime.config.ConfigKeys.OUTAGE_WINDOW));
        return new SyncConfig(reader.get(SLOT_CHECK_INTERVAL), reader.get(DROP_ORPHAN_SLOTS), reader.get(GROUP_ID), sessions);
    }
}

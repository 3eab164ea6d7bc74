package dev.zdm.sync;

import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import java.util.List;

/**
 * The sync service's own configuration.
 *
 * @param slotCheckIntervalMs how often zdm's replication slots are inspected (retained WAL, orphans)
 * @param dropOrphanSlots     drop zdm slots no running migration owns (else only report them)
 */
public record SyncConfig(long slotCheckIntervalMs, boolean dropOrphanSlots, String groupId) {
    public static final Key<Long> SLOT_CHECK_INTERVAL = Key.millis("sync.slotCheckIntervalMs", 10_000, 100, 3_600_000,
            "how often zdm's replication slots are inspected for retained WAL and orphans");
    public static final Key<Boolean> DROP_ORPHAN_SLOTS = Key.flag("sync.dropOrphanSlots", false,
            "drop inactive zdm_ slots whose migration is finished or unknown (otherwise only report them)");
    public static final Key<String> GROUP_ID = Key.string("sync.groupId", "zdm-sync", "consumer group of the sync instances");
    public static final List<Key<?>> KEYS = List.of(SLOT_CHECK_INTERVAL, DROP_ORPHAN_SLOTS, GROUP_ID);

    public static SyncConfig read(ConfigReader reader) {
        return new SyncConfig(reader.get(SLOT_CHECK_INTERVAL), reader.get(DROP_ORPHAN_SLOTS), reader.get(GROUP_ID));
    }
}

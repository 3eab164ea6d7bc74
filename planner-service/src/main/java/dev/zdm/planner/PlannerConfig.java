package dev.zdm.planner;

import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import java.util.List;

/**
 * The planner's own configuration.
 *
 * @param lockTimeoutMs lock_timeout given to every DDL step the planner emits
 * @param groupId       consumer group of the planner instances
 */
public record PlannerConfig(long lockTimeoutMs, String groupId) {
    public static final Key<Long> LOCK_TIMEOUT = Key.millis("planner.lockTimeoutMs", 500, 10, 60_000,
            "lock_timeout of the DDL steps the planner emits; short, so DDL never queues in front of the application for long");
    public static final Key<String> GROUP_ID = Key.string("planner.groupId", "zdm-planner", "consumer group of the planner instances");
    public static final List<Key<?>> KEYS = List.of(LOCK_TIMEOUT, GROUP_ID);

    public static PlannerConfig read(ConfigReader reader) {
        return new PlannerConfig(reader.get(LOCK_TIMEOUT), reader.get(GROUP_ID));
    }
}

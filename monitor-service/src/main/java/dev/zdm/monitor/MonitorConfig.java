package dev.zdm.monitor;

import dev.zdm.monitor.breaker.BreakerConfig;
import dev.zdm.monitor.breaker.BreakerThresholds;
import dev.zdm.monitor.breaker.BreakerTiming;
import dev.zdm.monitor.breaker.GuardConfig;
import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import java.time.Duration;
import java.util.List;

/**
 * The monitor's own configuration: sampling interval, thresholds, breaker timing and the guard.
 *
 * @param intervalMs time between the end of one sampling round and the start of the next
 */
public record MonitorConfig(long intervalMs, BreakerConfig breakers) {
    private static final BreakerThresholds T = BreakerThresholds.DEFAULT;
    public static final Key<Long> INTERVAL = Key.millis("monitor.intervalMs", 1_000, 50, 600_000, "time between sampling rounds");
    public static final Key<Long> LOCK_WAIT = Key.millis("monitor.thresholds.lockWaitMs", T.lockWaitMs(), 0, 86_400_000,
            "longest lock wait of any session before a target is unhealthy; 0 disables");
    public static final Key<Long> REPLICA_LAG = Key.millis("monitor.thresholds.replicaLagMs", T.replicaLagMs(), 0, 86_400_000,
            "replica replay lag before a target is unhealthy; 0 disables");
    public static final Key<Long> REPLICA_LAG_BYTES = new Key<>("monitor.thresholds.replicaLagBytes", "WAL bytes a replica may be behind; 0 disables",
            T.replicaLagBytes(), Long::parseLong, v -> v >= 0, "must be a non-negative number of bytes");
    public static final Key<Long> RETAINED_WAL = new Key<>("monitor.thresholds.retainedWalBytes", "WAL a zdm slot may retain; 0 disables",
            T.retainedWalBytes(), Long::parseLong, v -> v >= 0, "must be a non-negative number of bytes");
    public static final Key<Long> OLDEST_TX = Key.millis("monitor.thresholds.oldestTransactionMs", T.oldestTransactionMs(), 0, 86_400_000,
            "age of the oldest open application transaction before a target is unhealthy; 0 disables");
    public static final Key<Double> CONNECTIONS = Key.decimal("monitor.thresholds.connectionUseRatio", T.connectionUseRatio(), 0, 1,
            "share of max_connections in use before a target is unhealthy");
    public static final Key<Integer> SAMPLES_TO_OPEN = Key.integer("monitor.samplesToOpen", BreakerTiming.DEFAULT.samplesToOpen(), 1, 1000,
            "consecutive unhealthy samples that open a closed breaker");
    public static final Key<Long> COOL_DOWN = Key.millis("monitor.coolDownMs", BreakerTiming.DEFAULT.coolDown().toMillis(), 0, 86_400_000,
            "time an open breaker waits before going half-open");
    public static final Key<Integer> SAMPLES_TO_CLOSE = Key.integer("monitor.samplesToClose", BreakerTiming.DEFAULT.samplesToClose(), 1, 1000,
            "consecutive healthy samples that close a half-open breaker");
    public static final Key<Long> ZDM_BLOCKER_WAIT = Key.millis("monitor.guard.zdmBlockerWaitMs", GuardConfig.DEFAULT.zdmBlockerWaitMs(), 0, 86_400_000,
            "how long the application may wait behind one of zdm's own statements before the monitor says so");
    public static final Key<Boolean> CANCEL_ZDM_BLOCKERS = Key.flag("monitor.guard.cancelZdmBlockers", GuardConfig.DEFAULT.cancelZdmBlockers(),
            "cancel zdm's own statement when the application waits behind it too long (never the application's)");
    public static final List<Key<?>> KEYS = List.of(INTERVAL, LOCK_WAIT, REPLICA_LAG, REPLICA_LAG_BYTES, RETAINED_WAL, OLDEST_TX,
            CONNECTIONS, SAMPLES_TO_OPEN, COOL_DOWN, SAMPLES_TO_CLOSE, ZDM_BLOCKER_WAIT, CANCEL_ZDM_BLOCKERS);

    public static MonitorConfig read(ConfigReader reader) {
        var thresholds = new BreakerThresholds(reader.get(LOCK_WAIT), reader.get(REPLICA_LAG), reader.get(REPLICA_LAG_BYTES),
                reader.get(RETAINED_WAL), reader.get(OLDEST_TX), reader.get(CONNECTIONS));
        var timing = new BreakerTiming(reader.get(SAMPLES_TO_OPEN), Duration.ofMillis(reader.get(COOL_DOWN)), reader.get(SAMPLES_TO_CLOSE));
        var guard = new GuardConfig(reader.get(ZDM_BLOCKER_WAIT), reader.get(CANCEL_ZDM_BLOCKERS));
        return new MonitorConfig(reader.get(INTERVAL), new BreakerConfig(thresholds, timing, guard));
    }
}

package dev.zdm.sync.messaging;

import dev.zdm.runtime.Platform;
import dev.zdm.runtime.db.TargetPools;
import dev.zdm.sync.SyncConfig;
import dev.zdm.sync.db.SyncTables;
import dev.zdm.sync.lag.SlotInspector;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspects zdm's replication slots on every target at start-up and on an interval: retained WAL per
 * slot as a metric, and orphaned slots (no running migration owns them) reported, or dropped when
 * configured, since a forgotten slot retains WAL until the disk fills.
 */
final class SlotHygiene {
    private static final Logger LOG = LoggerFactory.getLogger(SlotHygiene.class);
    private final Vertx vertx;
    private final TargetPools pools;
    private final Platform platform;
    private final SyncConfig config;
    private final Map<String, AtomicLong> retained = new ConcurrentHashMap<>();
    private long timer;
    private volatile long lastCheckAt = System.currentTimeMillis();

    SlotHygiene(Vertx vertx, TargetPools pools, Platform platform, SyncConfig config) {
        this.vertx = vertx;
        this.pools = pools;
        this.platform = platform;
        this.config = config;
    }

    SlotHygiene start() {
        timer = vertx.setPeriodic(config.slotCheckIntervalMs(), id -> check());
        platform.health().register("sync.slots", () -> System.currentTimeMillis() - lastCheckAt < Math.max(60_000, 3 * config.slotCheckIntervalMs()));
        check();
        return this;
    }

    void stop() {
        vertx.cancelTimer(timer);
        platform.health().unregister("sync.slots");
    }

    private void check() {
        for (String target : pools.targets().keySet()) {
            pools.ready(target)
                    .compose(v -> pools.pool(target).withTransaction(c -> c.query(SyncTables.guardedDdl()).execute()))
                    .compose(v -> SlotInspector.inspect(pools.pool(target)))
                    .onSuccess(slots -> {
                        lastCheckAt = System.currentTimeMillis();
                        for (var slot : slots) {
                            gauge(target, slot.name()).set(slot.retainedWalBytes());
                            if (slot.owned() || slot.active()) continue;
                            if (config.dropOrphanSlots()) {
                                SlotInspector.drop(pools.pool(target), slot.name())
                                        .onSuccess(x -> LOG.warn("dropped orphaned replication slot {} on {} (retained {} bytes of WAL)",
                                                slot.name(), target, slot.retainedWalBytes()));
                            } else {
                                LOG.warn("orphaned replication slot {} on {} retains {} bytes of WAL; no running migration owns it "
                                        + "(set sync.dropOrphanSlots=true to drop such slots)", slot.name(), target, slot.retainedWalBytes());
                            }
                        }
                    })
                    .onFailure(e -> LOG.warn("cannot inspect replication slots on {}: {}", target, e.toString()));
        }
    }

    private AtomicLong gauge(String target, String slot) {
        return retained.computeIfAbsent(target + "/" + slot, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("zdm_slot_retained_wal_bytes", value, AtomicLong::get).tag("target", target).tag("slot", slot)
                    .description("WAL retained by a zdm replication slot").register(platform.registry());
            return value;
        });
    }
}

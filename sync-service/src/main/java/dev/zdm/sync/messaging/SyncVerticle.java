package dev.zdm.sync.messaging;

import dev.zdm.runtime.Platform;
import dev.zdm.runtime.db.ControlSchema;
import dev.zdm.runtime.db.TargetPools;
import dev.zdm.sync.SyncConfig;
import dev.zdm.sync.lag.SlotInspector;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync service process: inspects zdm's replication slots on every target at start-up and on an
 * interval, publishing retained WAL per slot as a metric and reporting (or, if configured, dropping)
 * orphaned slots, since a forgotten slot retains WAL until the disk fills.
 */
public final class SyncVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SyncVerticle.class);
    private final Platform platform;
    private final SyncConfig config;
    private final Map<String, AtomicLong> retained = new ConcurrentHashMap<>();
    private TargetPools pools;
    private long timer;
    private volatile long lastCheckAt = System.currentTimeMillis();

    public SyncVerticle(Platform platform, SyncConfig config) {
        this.platform = platform;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pools = new TargetPools(vertx, platform.config().targets(), "zdm-sync");
        timer = vertx.setPeriodic(config.slotCheckIntervalMs(), id -> checkSlots());
        platform.health().register("sync.slots", () -> System.currentTimeMillis() - lastCheckAt < Math.max(60_000, 3 * config.slotCheckIntervalMs()));
        checkSlots();
        return Future.succeededFuture();
    }

    private void checkSlots() {
        for (String target : pools.targets().keySet()) {
            ControlSchema.ensure(pools.pool(target))
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

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        platform.health().unregister("sync.slots");
        return pools.closeAll();
    }
}

package dev.zdm.monitor.probe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes every reading as a Micrometer gauge, tagged by {@code target} (and {@code replica},
 * {@code slot}, {@code kind}, {@code origin} where they apply), under {@code zdm.monitor.*}:
 * {@code lock.waiting}, {@code lock.wait.longest} (s), {@code lock.waiting.behind.zdm},
 * {@code replication.lag} (s, kind write|flush|replay), {@code replication.behind} (bytes),
 * {@code slot.retained.wal} (bytes), {@code slot.active}, {@code transaction.oldest.age} (s,
 * origin application|zdm), {@code connections.used}, {@code connections.max},
 * {@code connections.usage} (ratio).
 *
 * <p>A gauge shows the latest recorded value; a replica or slot that is gone from the latest
 * readings of its target has its gauges removed, so dashboards do not show stale slots.
 *
 * <p>Threading: {@link #record} and {@link #forget} may be called from any thread; scrapes read
 * the values without locking.
 */
public final class ProbeMetrics {
    private final MeterRegistry registry;
    private final Map<String, Map<Meter.Id, AtomicLong>> byTarget = new HashMap<>();

    public ProbeMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Sets every gauge of {@code readings.target()} to this sample's values. */
    public synchronized void record(Readings readings) {
        Map<Meter.Id, AtomicLong> previous = byTarget.getOrDefault(readings.target(), Map.of());
        Map<Meter.Id, AtomicLong> current = new HashMap<>();
        for (GaugeSample sample : ReadingGauges.of(readings)) {
            AtomicLong holder = new AtomicLong();
            Gauge gauge = register(sample, holder);
            AtomicLong live = previous.get(gauge.getId());
            if (live == null) {
                registry.remove(gauge);
                register(sample, holder);
                live = holder;
            }
            live.set(Double.doubleToLongBits(sample.value()));
            current.put(gauge.getId(), live);
        }
        previous.keySet().stream().filter(id -> !current.containsKey(id)).forEach(registry::remove);
        byTarget.put(readings.target(), current);
    }

    /**
     * Registers a gauge reading {@code holder}. A gauge of the same id registered earlier (by
     * another instance on the same registry) is replaced, so the value shown is always ours.
     */
    private Gauge register(GaugeSample sample, AtomicLong holder) {
        return Gauge.builder(sample.name(), holder, h -> Double.longBitsToDouble(h.get()))
                .tags(sample.tags()).baseUnit(sample.baseUnit()).strongReference(true).register(registry);
    }

    /** Removes every gauge of a target, for a target that is no longer monitored. */
    public synchronized void forget(String target) {
        List.copyOf(byTarget.getOrDefault(target, Map.of()).keySet()).forEach(registry::remove);
        byTarget.remove(target);
    }
}

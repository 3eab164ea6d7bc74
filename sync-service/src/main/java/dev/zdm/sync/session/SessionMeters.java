package dev.zdm.sync.session;

import dev.zdm.sync.cdc.CapturedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync's metrics: changes applied and rows written and the commit-to-apply latency of each applied
 * change ({@code zdm_sync_change_lag}, with p50/p99) and the changes per apply transaction
 * ({@code zdm_sync_apply_batch_changes}), tagged by source table; end-to-end lag by marker
 * and WAL retained, tagged by slot.
 */
public final class SessionMeters {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> retained = new ConcurrentHashMap<>();

    public SessionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(List<CapturedEvent.Change> changes, int rowsWritten, long nowMs) {
        if (changes.isEmpty()) return;
        String table = changes.get(0).table().qualified();
        Counter.builder("zdm_sync_changes_applied_total").tag("table", table).register(registry).increment(changes.size());
        Counter.builder("zdm_sync_rows_written_total").tag("table", table).register(registry).increment(rowsWritten);
        applyBatches(table).record(changes.size());
        Timer timer = changeLag(table);
        for (CapturedEvent.Change change : changes) {
            if (change.commitMillis() > 0) timer.record(Duration.ofMillis(Math.max(0, nowMs - change.commitMillis())));
        }
    }

    /** Changes per apply transaction for {@code table}: how well the sync batches (each apply is one transaction). */
    public DistributionSummary applyBatches(String table) {
        return DistributionSummary.builder("zdm_sync_apply_batch_changes").tag("table", table).publishPercentiles(0.5, 0.99)
                .description("changes applied per apply transaction").register(registry);
    }

    /** The commit-to-apply latency of the changes of {@code table} (as SQL names it, always schema-qualified: {@link dev.zdm.domain.sql.TableName#qualified}). */
    public Timer changeLag(String table) {
        return Timer.builder("zdm_sync_change_lag").tag("table", table).publishPercentiles(0.5, 0.99)
                .description("time from a change's commit to its apply").register(registry);
    }

    void lag(String slot, long lagMs, long retainedBytes) {
        lag.computeIfAbsent(slot, s -> gauge("zdm_sync_lag_ms", s, "end-to-end sync lag by marker")).set(lagMs);
        retained.computeIfAbsent(slot, s -> gauge("zdm_sync_retained_wal_bytes", s, "WAL retained by the sync's slot")).set(retainedBytes);
    }

    void remove(String slot) {
        lag.remove(slot);
        retained.remove(slot);
        registry.find("zdm_sync_lag_ms").tag("slot", slot).meters().forEach(registry::remove);
        registry.find("zdm_sync_retained_wal_bytes").tag("slot", slot).meters().forEach(registry::remove);
    }

    private AtomicLong gauge(String name, String slot, String description) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).tag("slot", slot).description(description).register(registry);
        return value;
    }
}

package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * A {@link ProgressListener} that publishes backfill progress as Micrometer meters, tagged by
 * {@code migration}, {@code step} and {@code table}:
 * gauges {@code zdm.backfill.rows.affected}, {@code .rows.covered}, {@code .rows.total} (NaN when
 * unknown), {@code .rows.per.second}, {@code .batch.size}, {@code .eta.seconds} (NaN when unknown),
 * {@code .throttled} (1 while throttled or paused); and the counter
 * {@code zdm.backfill.throttle.reports} with a {@code reason} tag ({@link BackfillProgress#throttleTag()}),
 * counting progress reports made while throttled: about one a second.
 *
 * <p>A step's gauges are removed when its run ends, so finished steps leave no series behind.
 * Thread-safe.
 */
public final class BackfillMetrics implements ProgressListener {
    private final MeterRegistry registry;
    private final Map<StepRef, Series> steps = new ConcurrentHashMap<>();

    public BackfillMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onProgress(BackfillProgress progress) {
        Tags tags = Tags.of("migration", progress.step().migrationId(), "step", progress.step().stepId(), "table", progress.table().qualified());
        if (progress.throttleTag() != null) {
            registry.counter("zdm.backfill.throttle.reports", tags.and("reason", progress.throttleTag())).increment();
        }
        if (progress.state().terminal()) {
            Series gone = steps.remove(progress.step());
            if (gone != null) gone.meters.forEach(registry::remove);
            return;
        }
        steps.computeIfAbsent(progress.step(), ref -> new Series(registry, tags)).last = progress;
    }

    /** The gauges of one step, reading its latest progress. */
    private static final class Series {
        private final List<Meter> meters = new ArrayList<>();
        private volatile BackfillProgress last;

        Series(MeterRegistry registry, Tags tags) {
            gauge(registry, tags, "zdm.backfill.rows.affected", "rows updated, over every run", p -> p.rowsAffected());
            gauge(registry, tags, "zdm.backfill.rows.covered", "estimate of rows behind the cursor", p -> p.rowsCovered());
            gauge(registry, tags, "zdm.backfill.rows.total", "estimate of rows in this run's range", p -> nanIfNull(p.rowsTotal()));
            gauge(registry, tags, "zdm.backfill.rows.per.second", "rows updated per second, recently", BackfillProgress::rowsPerSecond);
            gauge(registry, tags, "zdm.backfill.batch.size", "size of the next batch", p -> p.batchSize());
            gauge(registry, tags, "zdm.backfill.eta.seconds", "estimated time to finish this run",
                    p -> p.etaMs() == null ? Double.NaN : p.etaMs() / 1000.0);
            gauge(registry, tags, "zdm.backfill.throttled", "1 while throttled or paused",
                    p -> p.state() == BackfillState.THROTTLED || p.state() == BackfillState.PAUSED ? 1 : 0);
        }

        private void gauge(MeterRegistry registry, Tags tags, String name, String help, ToDoubleFunction<BackfillProgress> read) {
            meters.add(Gauge.builder(name, this, s -> s.last == null ? Double.NaN : read.applyAsDouble(s.last))
                    .description(help).tags(tags).register(registry));
        }

        private static double nanIfNull(Long value) {
            return value == null ? Double.NaN : value;
        }
    }
}

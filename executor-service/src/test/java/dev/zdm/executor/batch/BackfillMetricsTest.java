package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BackfillMetricsTest {
    private static final StepRef REF = new StepRef("m1", "p1", "s1");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BackfillMetrics metrics = new BackfillMetrics(registry);

    private static BackfillProgress progress(BackfillState state, long rows, Long total, Long eta, String tag) {
        return new BackfillProgress(REF, dev.zdm.domain.sql.TableName.of("orders"), state, rows, rows, total, 1234.5, 800, eta,
                tag == null ? null : "why: " + tag, tag, null, 3, "42", 0L);
    }

    private double gauge(String name) {
        return registry.get(name).tags("migration", "m1", "step", "s1", "table", "public.orders").gauge().value();
    }

    @Test
    void gaugesFollowTheLatestProgress() {
        metrics.onProgress(progress(BackfillState.RUNNING, 100, 1_000L, 9_000L, null));
        metrics.onProgress(progress(BackfillState.RUNNING, 250, 1_000L, 6_000L, null));

        assertThat(gauge("zdm.backfill.rows.affected")).isEqualTo(250);
        assertThat(gauge("zdm.backfill.rows.total")).isEqualTo(1_000);
        assertThat(gauge("zdm.backfill.rows.per.second")).isEqualTo(1234.5);
        assertThat(gauge("zdm.backfill.batch.size")).isEqualTo(800);
        assertThat(gauge("zdm.backfill.eta.seconds")).isEqualTo(6.0);
        assertThat(gauge("zdm.backfill.throttled")).isZero();
    }

    @Test
    void unknownsAreNanAndThrottlingCountsByReasonTag() {
        metrics.onProgress(progress(BackfillState.THROTTLED, 10, null, null, "breaker_open"));
        metrics.onProgress(progress(BackfillState.THROTTLED, 10, null, null, "breaker_open"));
        metrics.onProgress(progress(BackfillState.PAUSED, 10, null, null, "paused"));

        assertThat(gauge("zdm.backfill.rows.total")).isNaN();
        assertThat(gauge("zdm.backfill.eta.seconds")).isNaN();
        assertThat(gauge("zdm.backfill.throttled")).isEqualTo(1);
        assertThat(registry.get("zdm.backfill.throttle.reports").tag("reason", "breaker_open").counter().count()).isEqualTo(2);
        assertThat(registry.get("zdm.backfill.throttle.reports").tag("reason", "paused").counter().count()).isEqualTo(1);
    }

    @Test
    void aFinishedStepLeavesNoGauges() {
        metrics.onProgress(progress(BackfillState.RUNNING, 10, 10L, 0L, null));
        metrics.onProgress(progress(BackfillState.COMPLETED, 10, 10L, 0L, null));

        assertThat(registry.find("zdm.backfill.rows.affected").gauges()).isEmpty();
    }
}

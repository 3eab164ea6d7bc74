package dev.zdm.monitor.breaker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionTest {
    private static final Decision CALM = new Decision(true, "calm", "lock_wait_ms", 10, 2_000, false);
    private static final Decision CLOSE = new Decision(true, "close", "connection_use_ratio", 0.85, 0.9, true);
    private static final Decision LAGGING = new Decision(false, "lagging", "replica_lag_ms", 20_000, 10_000, false);
    private static final Decision LOCKED = new Decision(false, "locked", "lock_wait_ms", 9_000, 2_000, false);

    @Test
    void theWorstIsTheMostSevereUnhealthyDecision() {
        assertThat(Decision.worst(List.of(CALM, LAGGING, LOCKED, CLOSE)).reason()).isEqualTo("locked");
    }

    @Test
    void amongHealthyDecisionsTheWorstIsTheClosestToItsThreshold() {
        assertThat(Decision.worst(List.of(CALM, CLOSE)).reason()).isEqualTo("close");
    }

    @Test
    void zdmIsBlockerInAnyDecisionIsKept() {
        Decision worst = Decision.worst(List.of(LAGGING, CLOSE));

        assertThat(worst.reason()).isEqualTo("lagging");
        assertThat(worst.zdmIsBlocker()).isTrue();
    }

    @Test
    void aFailedProbeIsUnhealthyAndWorseThanAnyReading() {
        Decision failed = Decision.probeFailed(new IllegalStateException("connection refused"));

        assertThat(failed.healthy()).isFalse();
        assertThat(failed.metric()).isEqualTo(Decision.PROBE_ERROR);
        assertThat(failed.reason()).isEqualTo("sampling the target failed: connection refused");
        assertThat(Decision.worst(List.of(LOCKED, failed))).isEqualTo(failed);
    }

    @Test
    void worstOfNothingIsAnError() {
        assertThatThrownBy(() -> Decision.worst(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.zdm.monitor.breaker;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BreakerConfigTest {

    @Test
    void everyBadThresholdIsReportedAtOnce() {
        assertThatThrownBy(() -> new BreakerThresholds(-1, 10, -5, 1, 1, 1.5))
                .isInstanceOfSatisfying(ZdmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG))
                .hasMessageContaining("monitor.thresholds.lockWaitMs must not be negative, was -1")
                .hasMessageContaining("monitor.thresholds.replicaLagBytes must not be negative, was -5")
                .hasMessageContaining("monitor.thresholds.connectionUseRatio must be within 0..1, was 1.5")
                .hasMessageNotContaining("replicaLagMs");
    }

    @Test
    void timingNeedsAtLeastOneSampleEachWayAndNoNegativeCoolDown() {
        assertThatThrownBy(() -> new BreakerTiming(0, Duration.ofSeconds(-1), 0))
                .hasMessageContaining("monitor.breaker.samplesToOpen must be at least 1, was 0")
                .hasMessageContaining("monitor.breaker.coolDown must not be negative")
                .hasMessageContaining("monitor.breaker.samplesToClose must be at least 1, was 0");
    }

    @Test
    void theGuardThresholdIsNotNegative() {
        assertThatThrownBy(() -> new GuardConfig(-1, true)).hasMessageContaining("monitor.guard.zdmBlockerWaitMs");
    }
}

package dev.zdm.executor.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatePolicyTest {
    private static final long TARGET = 100;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, breaker state (null = none), batch times, lock timeouts, expected type, tag, pause, expected max rows, reason fragment
                Arguments.of("calm", null, List.of(), 0, ThrottleDecision.FullSpeed.class, null, 0L, Integer.MAX_VALUE, null),
                Arguments.of("closed breaker is calm", BreakerState.CLOSED, List.of(90L, 100L), 0, ThrottleDecision.FullSpeed.class, null, 0L, Integer.MAX_VALUE, null),
                Arguments.of("open breaker holds", BreakerState.OPEN, List.of(), 0, ThrottleDecision.Hold.class, "breaker_open", 250L, 0, "breaker lag on db1 OPEN: replica lag 12 s > 5 s"),
                Arguments.of("open beats fast batches", BreakerState.OPEN, List.of(10L, 10L, 10L, 10L, 10L), 0, ThrottleDecision.Hold.class, "breaker_open", 250L, 0, "OPEN"),
                Arguments.of("half-open trickles", BreakerState.HALF_OPEN, List.of(), 0, ThrottleDecision.Trickle.class, "breaker_half_open", 1_000L, 100, "HALF_OPEN"),
                Arguments.of("half-open beats lock evidence", BreakerState.HALF_OPEN, List.of(), 3, ThrottleDecision.Trickle.class, "breaker_half_open", 1_000L, 100, "HALF_OPEN"),
                Arguments.of("one lock timeout", null, List.of(), 1, ThrottleDecision.Slow.class, "lock_timeouts", 500L, Integer.MAX_VALUE, "1 lock timeout(s)"),
                Arguments.of("four lock timeouts", null, List.of(), 4, ThrottleDecision.Slow.class, "lock_timeouts", 2_000L, Integer.MAX_VALUE, "4 lock timeout(s)"),
                Arguments.of("lock pause capped", null, List.of(), 50, ThrottleDecision.Slow.class, "lock_timeouts", 5_000L, Integer.MAX_VALUE, "50 lock timeout(s)"),
                Arguments.of("too few batches to judge", null, List.of(900L, 900L, 900L, 900L), 0, ThrottleDecision.FullSpeed.class, null, 0L, Integer.MAX_VALUE, null),
                Arguments.of("median slow", null, List.of(250L, 300L, 40L, 260L, 500L), 0, ThrottleDecision.Slow.class, "slow_batches", 260L, Integer.MAX_VALUE, "median batch time 260 ms"),
                Arguments.of("one outlier ignored", null, List.of(90L, 95L, 4_000L, 100L, 80L), 0, ThrottleDecision.FullSpeed.class, null, 0L, Integer.MAX_VALUE, null),
                Arguments.of("exactly twice target is fine", null, List.of(200L, 200L, 200L, 200L, 200L), 0, ThrottleDecision.FullSpeed.class, null, 0L, Integer.MAX_VALUE, null),
                Arguments.of("slow pause capped", null, List.of(9_000L, 9_000L, 9_000L, 9_000L, 9_000L), 0, ThrottleDecision.Slow.class, "slow_batches", 5_000L, Integer.MAX_VALUE, "9000 ms"),
                Arguments.of("only the last five count", null, List.of(900L, 900L, 900L, 50L, 50L, 50L, 50L, 50L), 0, ThrottleDecision.FullSpeed.class, null, 0L, Integer.MAX_VALUE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, BreakerState state, List<Long> batches, int lockTimeouts, Class<?> type, String tag, long pause,
                 int maxRows, String reasonFragment) {
        Optional<BreakerReading> breaker = Optional.ofNullable(state)
                .map(s -> new BreakerReading("lag", "db1", s, "replica lag 12 s > 5 s", 1L));
        ThrottleDecision decision = GatePolicy.decide(new GateReadings(breaker, TARGET, batches, lockTimeouts));

        assertThat(decision).isInstanceOf(type);
        assertThat(decision.tag()).isEqualTo(tag);
        assertThat(decision.pauseBeforeMs()).isEqualTo(pause);
        assertThat(decision.maxRows()).isEqualTo(maxRows);
        if (reasonFragment == null) {
            assertThat(decision.reason()).isNull();
        } else {
            assertThat(decision.reason()).contains(reasonFragment);
        }
    }
}

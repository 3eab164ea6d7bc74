package dev.zdm.monitor.breaker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.zdm.monitor.breaker.BreakerState.CLOSED;
import static dev.zdm.monitor.breaker.BreakerState.HALF_OPEN;
import static dev.zdm.monitor.breaker.BreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

/**
 * Scenarios of samples: at second {@code t} a healthy ({@code H}) or unhealthy ({@code U})
 * decision, and the state and transition expected after it. N = 2, cool-down 30 s, M = 2.
 */
class BreakerMachineTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final BreakerMachine MACHINE = new BreakerMachine(new BreakerTiming(2, Duration.ofSeconds(30), 2));
    private static final Decision HEALTHY = new Decision(true, "within thresholds", "lock_wait_ms", 10, 2_000, false);
    private static final Decision UNHEALTHY = new Decision(false, "lock wait 5000 ms > 2000 ms", "lock_wait_ms", 5_000, 2_000, false);

    /** One sample: second, decision, expected state afterwards, expected transition ("" for none). */
    record Sample(int t, Decision decision, BreakerState state, String transition) {
    }

    static Sample s(int t, char decision, BreakerState state, String transition) {
        return new Sample(t, decision == 'H' ? HEALTHY : UNHEALTHY, state, transition);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("N consecutive unhealthy samples open it",
                        s(0, 'U', CLOSED, ""), s(1, 'U', OPEN, "CLOSED->OPEN")),
                scenario("a healthy sample in between clears the count",
                        s(0, 'U', CLOSED, ""), s(1, 'H', CLOSED, ""), s(2, 'U', CLOSED, ""), s(3, 'U', OPEN, "CLOSED->OPEN")),
                scenario("healthy samples do not end the cool-down early, then M healthy samples close it",
                        s(0, 'U', CLOSED, ""), s(1, 'U', OPEN, "CLOSED->OPEN"),
                        s(10, 'H', OPEN, ""), s(30, 'H', OPEN, ""),
                        s(31, 'H', HALF_OPEN, "OPEN->HALF_OPEN"), s(32, 'H', HALF_OPEN, ""), s(33, 'H', CLOSED, "HALF_OPEN->CLOSED")),
                scenario("still unhealthy after the cool-down keeps it open; the cool-down is not restarted",
                        s(0, 'U', CLOSED, ""), s(1, 'U', OPEN, "CLOSED->OPEN"),
                        s(40, 'U', OPEN, ""), s(50, 'U', OPEN, ""), s(51, 'H', HALF_OPEN, "OPEN->HALF_OPEN")),
                scenario("unhealthy in half-open reopens it and restarts the cool-down",
                        s(0, 'U', CLOSED, ""), s(1, 'U', OPEN, "CLOSED->OPEN"),
                        s(31, 'H', HALF_OPEN, "OPEN->HALF_OPEN"), s(32, 'U', OPEN, "HALF_OPEN->OPEN"),
                        s(50, 'H', OPEN, ""), s(61, 'H', OPEN, ""), s(62, 'H', HALF_OPEN, "OPEN->HALF_OPEN")),
                scenario("half-open needs M consecutive healthy samples",
                        s(0, 'U', CLOSED, ""), s(1, 'U', OPEN, "CLOSED->OPEN"),
                        s(31, 'H', HALF_OPEN, "OPEN->HALF_OPEN"), s(32, 'H', HALF_OPEN, ""), s(33, 'U', OPEN, "HALF_OPEN->OPEN")),
                scenario("closed and healthy stays put",
                        s(0, 'H', CLOSED, ""), s(1, 'H', CLOSED, ""), s(2, 'H', CLOSED, "")));
    }

    private static Arguments scenario(String name, Sample... samples) {
        return Arguments.of(named(name, List.of(samples)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void follows(List<Sample> samples) {
        BreakerSnapshot snapshot = BreakerSnapshot.initial("target:orders", "orders", T0);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Sample sample : samples) {
            BreakerStep step = MACHINE.apply(snapshot, sample.decision(), T0.plusSeconds(sample.t()));
            snapshot = step.next();
            expected.add("t=" + sample.t() + " " + sample.state() + " " + sample.transition());
            actual.add("t=" + sample.t() + " " + snapshot.state() + " "
                    + step.transition().map(tr -> tr.from() + "->" + tr.to()).orElse(""));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void openingCarriesTheReadingTheCountAndTheTime() {
        Decision blocked = new Decision(false, "longest lock wait 2500 ms > 2000 ms", "lock_wait_ms", 2_500, 2_000, true);
        BreakerSnapshot s = BreakerSnapshot.initial("target:orders", "orders", T0);
        s = MACHINE.apply(s, blocked, T0.plusSeconds(1)).next();

        BreakerStep step = MACHINE.apply(s, blocked, T0.plusSeconds(2));

        assertThat(step.transition()).hasValue(new Transition("target:orders", "orders", CLOSED, OPEN,
                "longest lock wait 2500 ms > 2000 ms (2 consecutive unhealthy samples)", "lock_wait_ms", 2_500.0, 2_000.0,
                2, true, T0.plusSeconds(2)));
        assertThat(step.next().openedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(step.next().failureCount()).isEqualTo(2);
        assertThat(step.next().lastReason()).isEqualTo(step.transition().orElseThrow().reason());
    }

    @Test
    void closingClearsOpenedAtAndCounts() {
        BreakerSnapshot halfOpen = new BreakerSnapshot("b", "t", HALF_OPEN, 0, 1, T0, T0.plusSeconds(40), "x");

        BreakerSnapshot closed = MACHINE.apply(halfOpen, HEALTHY, T0.plusSeconds(41)).next();

        assertThat(closed).isEqualTo(new BreakerSnapshot("b", "t", CLOSED, 0, 0, null, T0.plusSeconds(41),
                "2 healthy samples in half-open; within thresholds"));
    }

    @Test
    void aHealthySampleInClosedWithNoCountChangesNothingWorthWriting() {
        BreakerSnapshot closed = BreakerSnapshot.initial("b", "t", T0);

        BreakerStep step = MACHINE.apply(closed, HEALTHY, T0.plusSeconds(5));

        assertThat(step.next().sameAs(closed)).isTrue();
        assertThat(step.transition()).isEmpty();
    }

    @Test
    void unhealthySamplesWhileOpenAreCounted() {
        BreakerSnapshot open = new BreakerSnapshot("b", "t", OPEN, 2, 0, T0, T0, "x");

        BreakerSnapshot next = MACHINE.apply(open, UNHEALTHY, T0.plusSeconds(1)).next();

        assertThat(next.failureCount()).isEqualTo(3);
        assertThat(next.openedAt()).isEqualTo(T0);
        assertThat(next.lastReason()).isEqualTo(UNHEALTHY.reason());
    }

    @Test
    void oneSampleOpensWhenNIsOne() {
        BreakerMachine eager = new BreakerMachine(new BreakerTiming(1, Duration.ZERO, 1));
        BreakerSnapshot s = BreakerSnapshot.initial("b", "t", T0);

        s = eager.apply(s, UNHEALTHY, T0).next();
        assertThat(s.state()).isEqualTo(OPEN);
        s = eager.apply(s, HEALTHY, T0).next();
        assertThat(s.state()).as("a zero cool-down has passed at once").isEqualTo(HALF_OPEN);
        s = eager.apply(s, HEALTHY, T0).next();
        assertThat(s.state()).isEqualTo(CLOSED);
    }

    @Test
    void resetClosesFromAnyStateAndSaysWhy() {
        BreakerSnapshot open = new BreakerSnapshot("b", "t", OPEN, 7, 0, T0, T0, "x");

        BreakerStep step = BreakerMachine.reset(open, "reset by operator", T0.plusSeconds(3));

        assertThat(step.next()).isEqualTo(new BreakerSnapshot("b", "t", CLOSED, 0, 0, null, T0.plusSeconds(3), "reset by operator"));
        assertThat(step.transition()).hasValue(new Transition("b", "t", OPEN, CLOSED, "reset by operator",
                null, null, null, 0, false, T0.plusSeconds(3)));
    }
}

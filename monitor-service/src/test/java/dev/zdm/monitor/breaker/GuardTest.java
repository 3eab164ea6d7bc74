package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.LockWait;
import dev.zdm.monitor.probe.LockWaitReading;
import dev.zdm.monitor.probe.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.zdm.monitor.probe.ReadingsFixtures.app;
import static dev.zdm.monitor.probe.ReadingsFixtures.waiting;
import static dev.zdm.monitor.probe.ReadingsFixtures.zdm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

class GuardTest {
    private static final Guard CANCELLING = new Guard(new GuardConfig(1_000, true));
    private static final Guard REPORTING = new Guard(new GuardConfig(1_000, false));

    /** Expected: zdmIsBlocker, the blocker pids, the pids to cancel. */
    record Expected(boolean zdmIsBlocker, List<Integer> blockers, List<Integer> toCancel) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("the application behind zdm's DDL, cancelling on", CANCELLING,
                        List.of(waiting(app(1), 1_500, zdm(9))), new Expected(true, List.of(9), List.of(9))),
                row("the application behind zdm's DDL, cancelling off", REPORTING,
                        List.of(waiting(app(1), 1_500, zdm(9))), new Expected(true, List.of(9), List.of())),
                row("a wait under the guard threshold", CANCELLING,
                        List.of(waiting(app(1), 1_000, zdm(9))), new Expected(false, List.of(), List.of())),
                row("the application behind the application", CANCELLING,
                        List.of(waiting(app(1), 60_000, app(2))), new Expected(false, List.of(), List.of())),
                row("zdm behind the application: the application is never cancelled", CANCELLING,
                        List.of(waiting(zdm(9), 60_000, app(1))), new Expected(false, List.of(), List.of())),
                row("zdm behind zdm is not the application's problem", CANCELLING,
                        List.of(waiting(zdm(9), 60_000, zdm(8))), new Expected(false, List.of(), List.of())),
                row("behind the application and zdm at once: only zdm's pid", CANCELLING,
                        List.of(waiting(app(1), 5_000, app(2), zdm(9))), new Expected(true, List.of(9), List.of(9))),
                row("two application sessions behind one zdm session: named once", CANCELLING,
                        List.of(waiting(app(1), 5_000, zdm(9)), waiting(app(2), 3_000, zdm(9))),
                        new Expected(true, List.of(9), List.of(9))),
                row("longest application wait first", CANCELLING,
                        List.of(waiting(app(1), 2_000, zdm(8)), waiting(app(2), 7_000, zdm(9))),
                        new Expected(true, List.of(9, 8), List.of(9, 8))),
                row("nobody waits", CANCELLING, List.of(), new Expected(false, List.of(), List.of())));
    }

    private static Arguments row(String name, Guard guard, List<LockWait> waits, Expected expected) {
        return Arguments.of(named(name, guard), waits, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finds(Guard guard, List<LockWait> waits, Expected expected) {
        GuardDecision decision = guard.inspect(new LockWaitReading(waits));

        assertThat(new Expected(decision.zdmIsBlocker(), pids(decision.blockers()), pids(decision.toCancel())))
                .isEqualTo(expected);
    }

    @Test
    void neverNamesAnApplicationSessionToCancelWhateverTheReadings() {
        Random random = new Random(42);
        int roundsWithCancels = 0;
        for (int round = 0; round < 2_000; round++) {
            List<Session> sessions = sessions(random);
            Set<Integer> applicationPids = sessions.stream().filter(s -> !s.zdm()).map(Session::pid).collect(Collectors.toSet());
            LockWaitReading reading = new LockWaitReading(waits(random, sessions));

            GuardDecision decision = CANCELLING.inspect(reading);

            assertThat(pids(decision.toCancel())).as("round %d: %s", round, reading)
                    .noneMatch(applicationPids::contains);
            decision.toCancel().forEach(b -> assertThat(b.session().zdm()).isTrue());
            decision.toCancel().forEach(b -> assertThat(b.waiter().zdm()).isFalse());
            roundsWithCancels += decision.toCancel().isEmpty() ? 0 : 1;
        }
        assertThat(roundsWithCancels).as("the generator must produce zdm blockers to cancel").isGreaterThan(200);
    }

    @Test
    void aBlockerCannotBeMadeForAnApplicationSessionOrForZdmBehindZdm() {
        LockWait appBehindBoth = waiting(app(1), 5_000, app(2), zdm(9));

        assertThat(ZdmBlocker.of(app(2), appBehindBoth)).isEmpty();
        assertThat(ZdmBlocker.of(zdm(9), waiting(zdm(8), 5_000, zdm(9)))).isEmpty();
        assertThat(ZdmBlocker.of(zdm(7), appBehindBoth)).as("not among the waiter's blockers").isEmpty();
        assertThat(ZdmBlocker.of(zdm(9), appBehindBoth)).map(ZdmBlocker::pid).hasValue(9);
    }

    private static List<Session> sessions(Random random) {
        List<Session> sessions = new ArrayList<>();
        int count = 2 + random.nextInt(8);
        for (int pid = 1; pid <= count; pid++) {
            sessions.add(random.nextBoolean() ? app(pid) : zdm(pid));
        }
        return sessions;
    }

    private static List<LockWait> waits(Random random, List<Session> sessions) {
        List<LockWait> waits = new ArrayList<>();
        for (Session waiter : sessions) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            Session[] blockers = sessions.stream().filter(s -> s != waiter && random.nextBoolean()).toArray(Session[]::new);
            waits.add(waiting(waiter, random.nextInt(5_000), blockers));
        }
        return waits;
    }

    private static List<Integer> pids(List<ZdmBlocker> blockers) {
        return blockers.stream().map(ZdmBlocker::pid).toList();
    }
}

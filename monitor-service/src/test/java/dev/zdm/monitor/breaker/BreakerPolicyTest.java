package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.Readings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.zdm.monitor.probe.ReadingsFixtures.MIB;
import static dev.zdm.monitor.probe.ReadingsFixtures.app;
import static dev.zdm.monitor.probe.ReadingsFixtures.connections;
import static dev.zdm.monitor.probe.ReadingsFixtures.locks;
import static dev.zdm.monitor.probe.ReadingsFixtures.logicalConsumer;
import static dev.zdm.monitor.probe.ReadingsFixtures.physicalReplica;
import static dev.zdm.monitor.probe.ReadingsFixtures.replicas;
import static dev.zdm.monitor.probe.ReadingsFixtures.slot;
import static dev.zdm.monitor.probe.ReadingsFixtures.slots;
import static dev.zdm.monitor.probe.ReadingsFixtures.transactions;
import static dev.zdm.monitor.probe.ReadingsFixtures.waiting;
import static dev.zdm.monitor.probe.ReadingsFixtures.zdm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

class BreakerPolicyTest {
    /** lock 2000 ms, replica 10 s / 256 MiB, slot 1 GiB, transaction 600 s, connections 0.9; guard 1000 ms. */
    private static final BreakerPolicy POLICY = new BreakerPolicy(BreakerThresholds.DEFAULT, GuardConfig.DEFAULT);

    record Expected(boolean healthy, String metric, double value, double threshold, boolean zdmIsBlocker) {
    }

    static Stream<Arguments> cases() {
        Readings slotAndLock = slots(slot("zdm_a", false, 3 * 1024 * MIB))
                .withLocks(locks(waiting(app(1), 4_000, app(2))).locks());
        return Stream.of(
                row("a lock wait over the threshold", locks(waiting(app(1), 2_500, app(2))),
                        new Expected(false, "lock_wait_ms", 2_500, 2_000, false)),
                row("a lock wait equal to the threshold is not over it", locks(waiting(app(1), 2_000, app(2))),
                        new Expected(true, "lock_wait_ms", 2_000, 2_000, false)),
                row("the longest of several waits counts", locks(waiting(app(1), 300, app(2)), waiting(app(3), 2_100, app(2))),
                        new Expected(false, "lock_wait_ms", 2_100, 2_000, false)),
                row("a physical replica lagging", replicas(physicalReplica("r1", 15_000, MIB)),
                        new Expected(false, "replica_lag_ms", 15_000, 10_000, false)),
                row("the most lagging of two replicas", replicas(physicalReplica("r1", 1_000, 0), physicalReplica("r2", 12_000, 0)),
                        new Expected(false, "replica_lag_ms", 12_000, 10_000, false)),
                row("a physical replica far behind in bytes", replicas(physicalReplica("r1", 100, 300 * MIB)),
                        new Expected(false, "replica_lag_bytes", 300 * MIB, 256 * MIB, false)),
                row("a logical consumer's lag is not replica lag", replicas(logicalConsumer("zdm_x", 3_600_000, 10_000 * MIB)),
                        new Expected(true, "lock_wait_ms", 0, 2_000, false)),
                row("an inactive zdm slot retaining WAL", slots(slot("zdm_orders", false, 2 * 1024 * MIB)),
                        new Expected(false, "slot_retained_wal_bytes", 2 * 1024 * MIB, 1024 * MIB, false)),
                row("an old application transaction", transactions(700_000L, null),
                        new Expected(false, "oldest_transaction_ms", 700_000, 600_000, false)),
                row("zdm's own old transaction is expected", transactions(1_000L, 3_600_000L),
                        new Expected(true, "oldest_transaction_ms", 1_000, 600_000, false)),
                row("connections nearly exhausted", connections(95, 100),
                        new Expected(false, "connection_use_ratio", 0.95, 0.9, false)),
                row("the most severe of two crossings is named", slotAndLock,
                        new Expected(false, "slot_retained_wal_bytes", 3 * 1024 * MIB, 1024 * MIB, false)),
                row("healthy names the reading closest to its threshold", connections(80, 100),
                        new Expected(true, "connection_use_ratio", 0.8, 0.9, false)),
                row("the application behind zdm, under the lock threshold but over the guard's",
                        locks(waiting(app(1), 1_500, zdm(9))),
                        new Expected(true, "lock_wait_ms", 1_500, 2_000, true)),
                row("the application behind zdm, over both thresholds", locks(waiting(app(1), 2_500, zdm(9))),
                        new Expected(false, "lock_wait_ms", 2_500, 2_000, true)),
                row("zdm behind the application is not zdm blocking", locks(waiting(zdm(9), 2_500, app(1))),
                        new Expected(false, "lock_wait_ms", 2_500, 2_000, false)));
    }

    private static Arguments row(String name, Readings readings, Expected expected) {
        return Arguments.of(named(name, readings), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Readings readings, Expected expected) {
        Decision decision = POLICY.decide(readings);

        assertThat(new Expected(decision.healthy(), decision.metric(), decision.value(), decision.threshold(),
                decision.zdmIsBlocker())).isEqualTo(expected);
    }

    static Stream<Arguments> disabled() {
        return Stream.of(
                Arguments.of(new BreakerThresholds(0, 10_000, 256 * MIB, 1024 * MIB, 600_000, 0.9), locks(waiting(app(1), 3_600_000, app(2)))),
                Arguments.of(new BreakerThresholds(2_000, 0, 256 * MIB, 1024 * MIB, 600_000, 0.9), replicas(physicalReplica("r", 3_600_000, 0))),
                Arguments.of(new BreakerThresholds(2_000, 10_000, 0, 1024 * MIB, 600_000, 0.9), replicas(physicalReplica("r", 0, 1_000 * MIB))),
                Arguments.of(new BreakerThresholds(2_000, 10_000, 256 * MIB, 0, 600_000, 0.9), slots(slot("zdm_a", false, 100 * 1024 * MIB))),
                Arguments.of(new BreakerThresholds(2_000, 10_000, 256 * MIB, 1024 * MIB, 0, 0.9), transactions(86_400_000L, null)),
                Arguments.of(new BreakerThresholds(2_000, 10_000, 256 * MIB, 1024 * MIB, 600_000, 0), connections(100, 100)));
    }

    @ParameterizedTest
    @MethodSource("disabled")
    void aThresholdOfZeroSwitchesItsCheckOff(BreakerThresholds thresholds, Readings readings) {
        assertThat(POLICY.decide(readings).healthy()).as("default thresholds").isFalse();
        assertThat(new BreakerPolicy(thresholds, GuardConfig.DEFAULT).decide(readings).healthy()).isTrue();
    }

    @Test
    void theReasonNamesTheReadingTheWaiterAndTheBlocker() {
        Decision decision = POLICY.decide(locks(waiting(app(41), 2_500, zdm(7))));

        assertThat(decision.reason())
                .startsWith("longest lock wait 2500 ms > 2000 ms: pid 41 ('orders-api') waiting for a relation lock behind pid 7 ('zdm-executor') running 'ALTER TABLE orders")
                .endsWith("; the application waits behind zdm's own session(s) pid 7 ('zdm-executor')");
    }

    @Test
    void withEveryCheckOffTheDecisionSaysNothingWasMeasured() {
        BreakerPolicy off = new BreakerPolicy(new BreakerThresholds(0, 0, 0, 0, 0, 0), GuardConfig.DEFAULT);

        Decision decision = off.decide(locks(waiting(app(1), 9_999, app(2))));

        assertThat(decision.healthy()).isTrue();
        assertThat(decision.metric()).isEqualTo(Decision.NOTHING_MEASURED);
    }
}

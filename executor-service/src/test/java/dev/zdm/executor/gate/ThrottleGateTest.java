package dev.zdm.executor.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleGateTest {
    private final BreakerBoard board = new BreakerBoard();
    private final ThrottleGate gate = new ThrottleGate(board, "db1", 100);

    @Test
    void followsBreakersOfItsOwnTargetOnly() {
        board.update("lag", "db2", "OPEN", "other database", 1);
        assertThat(gate.decide(0)).isInstanceOf(ThrottleDecision.FullSpeed.class);

        board.update("locks", "db1", "OPEN", "lock wait 3 s", 2);
        assertThat(gate.decide(0)).isInstanceOf(ThrottleDecision.Hold.class);

        board.update("locks", "db1", "HALF_OPEN", "probing", 3);
        assertThat(gate.decide(0)).isInstanceOf(ThrottleDecision.Trickle.class);

        board.update("locks", "db1", "CLOSED", "", 4);
        assertThat(gate.decide(0)).isInstanceOf(ThrottleDecision.FullSpeed.class);
    }

    @Test
    void aMonitorWideBreakerGuardsEveryTarget() {
        board.update("wal", BreakerBoard.ANY_TARGET, "open", "slot retains 9 GB", 1);
        assertThat(gate.decide(0).reason()).isEqualTo("breaker wal on * OPEN: slot retains 9 GB");
    }

    @Test
    void lockTimeoutsAgeOutOfTheWindow() {
        gate.recordLockTimeout(1_000);
        gate.recordLockTimeout(2_000);
        assertThat(gate.decide(2_500).pauseBeforeMs()).isEqualTo(1_000);
        assertThat(gate.decide(11_500).pauseBeforeMs()).isEqualTo(500);
        assertThat(gate.decide(12_000)).isInstanceOf(ThrottleDecision.FullSpeed.class);
    }

    @Test
    void remembersOnlyTheLastBatches() {
        for (int i = 0; i < 5; i++) gate.recordBatch(900);
        assertThat(gate.decide(0)).isInstanceOf(ThrottleDecision.Slow.class);
        for (int i = 0; i < 3; i++) gate.recordBatch(50);
        assertThat(gate.decide(0)).isInstanceOf(ThrottleDecision.FullSpeed.class);
    }
}

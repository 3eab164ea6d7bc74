package dev.zdm.executor.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BreakerBoardTest {
    private final BreakerBoard board = new BreakerBoard();

    @Test
    void anOlderEventDoesNotReopenABreaker() {
        board.update("locks", "db1", "CLOSED", "recovered", 20);
        board.update("locks", "db1", "OPEN", "late re-delivery", 10);
        assertThat(board.worst("db1")).isEmpty();
    }

    @Test
    void theMostRestrictiveBreakerWins() {
        board.update("a-lag", "db1", "HALF_OPEN", "", 1);
        board.update("b-locks", "db1", "OPEN", "", 1);
        board.update("c-wal", "db1", "CLOSED", "", 1);
        assertThat(board.worst("db1")).get().extracting(BreakerReading::name).isEqualTo("b-locks");
        assertThat(board.guarding("db1")).hasSize(3);
    }

    @Test
    void parsesTheEventSpellingsAndRejectsOthers() {
        assertThat(BreakerState.parse("half-open")).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(BreakerState.parse(" Open ")).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> BreakerState.parse("AJAR")).hasMessageContaining("AJAR");
    }
}

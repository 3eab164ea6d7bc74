package dev.zdm.monitor.breaker;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.monitor.probe.VertxPg;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.zdm.monitor.breaker.BreakerState.CLOSED;
import static dev.zdm.monitor.breaker.BreakerState.HALF_OPEN;
import static dev.zdm.monitor.breaker.BreakerState.OPEN;
import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakerBoardIT {
    private static final BreakerTiming TIMING = new BreakerTiming(2, Duration.ofSeconds(30), 2);
    private static final Decision HEALTHY = new Decision(true, "within thresholds", "lock_wait_ms", 5, 2_000, false);
    private static final Decision LOCKED = new Decision(false, "longest lock wait 2500 ms > 2000 ms", "lock_wait_ms", 2_500, 2_000, true);
    private TestInfra infra;
    private VertxPg vertx;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @BeforeAll
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        BreakerTable.create(infra);
        vertx = new VertxPg(infra);
    }

    @BeforeEach
    void empty() throws Exception {
        BreakerTable.truncate(infra);
    }

    @AfterAll
    void stop() {
        vertx.close();
    }

    private BreakerBoard newBoard() {
        return new BreakerBoard(new BreakerStore(vertx.pool("zdm-monitor", 2)), new BreakerMachine(TIMING), clock);
    }

    @Test
    void aRestartedMonitorCarriesOnFromTheStoredState() {
        BreakerBoard before = newBoard();
        assertThat(await(before.observe("target:orders", "orders", LOCKED))).isEmpty();
        Transition opened = await(before.observe("target:orders", "orders", LOCKED)).orElseThrow();
        assertThat(opened.to()).isEqualTo(OPEN);
        assertThat(opened.zdmIsBlocker()).isTrue();
        assertThat(opened.failureCount()).isEqualTo(2);

        BreakerBoard after = newBoard();
        assertThat(await(after.state("target:orders")).orElseThrow().state()).isEqualTo(OPEN);
        clock.advance(Duration.ofSeconds(10));
        assertThat(await(after.observe("target:orders", "orders", HEALTHY))).as("cool-down not over").isEmpty();
        clock.advance(Duration.ofSeconds(21));
        assertThat(transition(after.observe("target:orders", "orders", HEALTHY))).isEqualTo("OPEN->HALF_OPEN");
        assertThat(await(after.observe("target:orders", "orders", HEALTHY))).isEmpty();
        assertThat(transition(after.observe("target:orders", "orders", HEALTHY))).isEqualTo("HALF_OPEN->CLOSED");
        assertThat(await(after.state("target:orders")).orElseThrow().state()).isEqualTo(CLOSED);
    }

    @Test
    void anOperatorsResetInTheTableIsHonouredNotOverwritten() {
        BreakerBoard board = newBoard();
        await(board.observe("migration_executor", "*", LOCKED));
        await(board.observe("migration_executor", "*", LOCKED));
        BreakerStore cli = new BreakerStore(vertx.pool("zdm-cli", 1));

        Transition reset = await(cli.reset("migration_executor", "reset by operator", clock.instant())).orElseThrow();
        assertThat(reset.from()).isEqualTo(OPEN);
        assertThat(await(board.observe("migration_executor", "*", LOCKED))).isEmpty();

        BreakerSnapshot now = await(board.state("migration_executor")).orElseThrow();
        assertThat(now.state()).isEqualTo(CLOSED);
        assertThat(now.failureCount()).as("counted again from the reset").isEqualTo(1);
    }

    @Test
    void theBoardsOwnResetReturnsTheTransition() {
        BreakerBoard board = newBoard();
        await(board.observe("target:orders", "orders", LOCKED));
        await(board.observe("target:orders", "orders", LOCKED));

        assertThat(transition(board.reset("target:orders", "reset by operator"))).isEqualTo("OPEN->CLOSED");
        assertThat(await(board.reset("nobody", "reset by operator"))).isEmpty();
    }

    @Test
    void decisionsArrivingTogetherAreAppliedOneAfterAnother() {
        BreakerBoard board = new BreakerBoard(new BreakerStore(vertx.pool("zdm-monitor", 4)),
                new BreakerMachine(new BreakerTiming(100, Duration.ofSeconds(30), 2)), clock);
        List<Future<Optional<Transition>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(board.observe("target:orders", "orders", LOCKED));
        }
        await(Future.all(all));

        assertThat(await(board.state("target:orders")).orElseThrow().failureCount()).isEqualTo(20);
    }

    @Test
    void aHealthyClosedBreakerIsStoredOnceAndThenLeftAlone() {
        BreakerBoard board = newBoard();
        await(board.observe("target:orders", "orders", HEALTHY));
        Instant stored = await(board.state("target:orders")).orElseThrow().updatedAt();
        clock.advance(Duration.ofSeconds(5));
        await(board.observe("target:orders", "orders", HEALTHY));

        assertThat(await(board.state("target:orders")).orElseThrow().updatedAt()).isEqualTo(stored);
    }

    private static String transition(Future<Optional<Transition>> future) {
        return await(future).map(t -> t.from() + "->" + t.to()).orElse("none");
    }
}

package dev.zdm.monitor.breaker;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.monitor.probe.PgSession;
import dev.zdm.monitor.probe.VertxPg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static dev.zdm.monitor.breaker.BreakerState.CLOSED;
import static dev.zdm.monitor.breaker.BreakerState.HALF_OPEN;
import static dev.zdm.monitor.breaker.BreakerState.OPEN;
import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakerStoreIT {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private TestInfra infra;
    private VertxPg vertx;
    private BreakerStore store;

    @BeforeAll
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        BreakerTable.create(infra);
        vertx = new VertxPg(infra);
        store = new BreakerStore(vertx.pool("zdm-monitor", 2));
    }

    @BeforeEach
    void empty() throws Exception {
        BreakerTable.truncate(infra);
    }

    @AfterAll
    void stop() {
        vertx.close();
    }

    @Test
    void savesAndLoadsEveryColumnToTheMicrosecond() {
        BreakerSnapshot open = new BreakerSnapshot("target:orders", "orders", OPEN, 3, 0, T0, T0.plusSeconds(1), "lock wait");
        BreakerSnapshot halfOpen = new BreakerSnapshot("migration_executor", "*", HALF_OPEN, 0, 2, T0, T0, null);

        assertThat(await(store.insert(open))).isTrue();
        assertThat(await(store.insert(halfOpen))).isTrue();

        BreakerSnapshot micros = new BreakerSnapshot("target:orders", "orders", OPEN, 3, 0,
                Instant.parse("2025-03-01T10:00:00.123456Z"), Instant.parse("2025-03-01T10:00:01.123456Z"), "lock wait");
        assertThat(await(store.load("target:orders"))).contains(micros);
        assertThat(await(store.loadAll())).extracting(BreakerSnapshot::name).containsExactly("migration_executor", "target:orders");
        assertThat(await(store.load("nobody"))).isEmpty();
    }

    @Test
    void insertNeverOverwritesAndUpdateOnlyTheRowItRead() {
        BreakerSnapshot first = BreakerSnapshot.initial("b", "t", T0);
        await(store.insert(first));
        BreakerSnapshot read = await(store.load("b")).orElseThrow();

        assertThat(await(store.insert(new BreakerSnapshot("b", "t", OPEN, 9, 0, T0, T0, "x")))).isFalse();
        BreakerSnapshot next = new BreakerSnapshot("b", "t", CLOSED, 1, 0, null, T0.plusSeconds(5), "one failure");
        assertThat(await(store.update(next, read))).isTrue();
        BreakerSnapshot stale = new BreakerSnapshot("b", "t", OPEN, 2, 0, T0, T0.plusSeconds(6), "two failures");
        assertThat(await(store.update(stale, read))).as("the row changed since it was read").isFalse();

        assertThat(await(store.load("b")).orElseThrow().lastReason()).isEqualTo("one failure");
    }

    @Test
    void resetClosesAnyBreakerAndSaysWhatItWas() throws Exception {
        await(store.insert(new BreakerSnapshot("target:orders", "orders", OPEN, 5, 0, T0, T0, "lock wait")));

        Transition reset = await(store.reset("target:orders", "reset by operator", T0.plusSeconds(60))).orElseThrow();

        assertThat(reset.from()).isEqualTo(OPEN);
        assertThat(reset.to()).isEqualTo(CLOSED);
        assertThat(reset.target()).isEqualTo("orders");
        assertThat(reset.reason()).isEqualTo("reset by operator");
        assertThat(reset.metric()).isNull();
        BreakerSnapshot after = await(store.load("target:orders")).orElseThrow();
        assertThat(after).isEqualTo(new BreakerSnapshot("target:orders", "orders", CLOSED, 0, 0, null,
                Instant.parse("2025-03-01T10:01:00.123456Z"), "reset by operator"));
        assertThat(await(store.reset("nobody", "reset by operator", T0))).isEmpty();
        try (PgSession s = PgSession.open(infra, "check")) {
            assertThat(s.queryInt("SELECT count(*) FROM zdm._migration_circuit_breakers WHERE state = 'closed'")).isEqualTo(1);
            s.rollback();
        }
    }
}

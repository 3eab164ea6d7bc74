package dev.zdm.monitor.breaker;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.monitor.probe.PgSession;
import dev.zdm.monitor.probe.ProbeMetrics;
import dev.zdm.monitor.probe.TargetSampler;
import dev.zdm.monitor.probe.VertxPg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Rounds against a real database: real locks and a real slot move real breakers. */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakerRoundIT {
    private static final long MIB = 1024 * 1024;
    /** Lock waits over 300 ms, slots over 1 MiB, two samples to open, 1 s cool-down, two to close. */
    private static final BreakerConfig CONFIG = new BreakerConfig(
            new BreakerThresholds(300, 10_000, 256 * MIB, MIB, 600_000, 0.95),
            new BreakerTiming(2, Duration.ofSeconds(1), 2),
            new GuardConfig(300, false));
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private final String slot = "zdm_round_" + UUID.randomUUID().toString().substring(0, 8);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestInfra infra;
    private VertxPg vertx;
    private Pool pool;

    @BeforeAll
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        BreakerTable.create(infra);
        vertx = new VertxPg(infra);
        pool = vertx.pool("zdm-monitor", 2);
        try (PgSession s = PgSession.open(infra, "setup")) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, total int)");
            s.execute("INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g");
            s.commit();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        BreakerTable.truncate(infra);
    }

    @AfterAll
    void stop() throws Exception {
        try (PgSession s = PgSession.open(infra, "cleanup")) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
            s.commit();
        }
        vertx.close();
    }

    private BreakerRound round(BreakerConfig config, boolean withCanceller) {
        Clock clock = Clock.systemUTC();
        BreakerBoard board = new BreakerBoard(new BreakerStore(pool), new BreakerMachine(config.timing()), clock);
        return new BreakerRound(List.of(new TargetSampler("orders", pool, clock)), new BreakerPolicy(config), board,
                new ProbeMetrics(registry), withCanceller ? Map.of("orders", new ZdmCanceller(pool)) : Map.of());
    }

    @Test
    void aHeldLockOpensBothBreakersAndTheirClosingGoesThroughHalfOpen() throws Exception {
        BreakerRound round = round(CONFIG, false);
        List<Transition> seen = new ArrayList<>();
        try (PgSession holder = PgSession.open(infra, "orders-admin");
             PgSession app = PgSession.open(infra, "orders-api")) {
            holder.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            long lockedAt = System.nanoTime();
            CompletableFuture<Void> blocked = app.executeInBackground("SELECT * FROM orders WHERE id = 1");
            Transition opened = runUntil(round, seen, t -> t.breaker().equals("target:orders") && t.to() == BreakerState.OPEN,
                    Duration.ofSeconds(10));
            long openedAfterMs = (System.nanoTime() - lockedAt) / 1_000_000;

            assertThat(opened.metric()).isEqualTo("lock_wait_ms");
            assertThat(opened.value()).isGreaterThan(300.0);
            assertThat(opened.reason()).contains("('orders-api')").contains("behind pid " + holder.pid() + " ('orders-admin')");
            assertThat(opened.zdmIsBlocker()).isFalse();
            assertThat(seen).anyMatch(t -> t.breaker().equals("migration_executor") && t.to() == BreakerState.OPEN);
            assertThat(openedAfterMs).as("threshold 300 ms + two samples 200 ms apart, with slack for a busy machine")
                    .isLessThan(2_500);
            System.out.printf("lock to open breaker: %d ms (threshold 300 ms, interval %d ms, N=2)%n",
                    openedAfterMs, INTERVAL.toMillis());

            holder.rollback();
            blocked.get();
            app.rollback();
        }
        runUntil(round, seen, t -> t.breaker().equals("target:orders") && t.to() == BreakerState.CLOSED, Duration.ofSeconds(10));

        assertThat(seen).filteredOn(t -> t.breaker().equals("target:orders"))
                .extracting(t -> t.from() + "->" + t.to())
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(registry.get("zdm.monitor.lock.waiting").tag("target", "orders").gauge().value()).isZero();
    }

    @Test
    void aSlotHeldBackRaisesRetainedWalAndTripsTheTargetsBreaker() throws Exception {
        BreakerRound round = round(CONFIG, false);
        try (PgSession s = PgSession.open(infra, "zdm-sync")) {
            s.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            s.commit();
            s.execute("INSERT INTO orders SELECT g, g FROM generate_series(1000, 30000) g");
            s.commit();
        }
        List<Transition> seen = new ArrayList<>();

        Transition opened = runUntil(round, seen, t -> t.breaker().equals("target:orders") && t.to() == BreakerState.OPEN,
                Duration.ofSeconds(5));

        assertThat(opened.metric()).isEqualTo("slot_retained_wal_bytes");
        assertThat(opened.value()).isGreaterThan((double) MIB);
        assertThat(opened.reason()).contains("slot '" + slot + "' (inactive");
        assertThat(registry.get("zdm.monitor.slot.retained.wal").tag("slot", slot).gauge().value()).isGreaterThan(MIB);
        try (PgSession s = PgSession.open(infra, "zdm-sync")) {
            s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            s.execute("DELETE FROM orders WHERE id >= 1000");
            s.commit();
        }
        runUntil(round, seen, t -> t.breaker().equals("target:orders") && t.to() == BreakerState.CLOSED, Duration.ofSeconds(10));
        assertThat(registry.find("zdm.monitor.slot.retained.wal").tag("slot", slot).gauge()).isNull();
    }

    @Test
    void whenZdmsDdlIsWhatTheApplicationWaitsBehindTheEventSaysSoAndTheDdlIsCancelled() throws Exception {
        BreakerConfig cancelling = new BreakerConfig(CONFIG.thresholds(), CONFIG.timing(), new GuardConfig(300, true));
        BreakerRound round = round(cancelling, true);
        List<Transition> seen = new ArrayList<>();
        try (PgSession longTx = PgSession.open(infra, "orders-api");
             PgSession ddl = PgSession.open(infra, "zdm-executor");
             PgSession app = PgSession.open(infra, "orders-api")) {
            longTx.execute("UPDATE orders SET total = 0 WHERE id = 1");
            CompletableFuture<Void> alter = ddl.executeInBackground("ALTER TABLE orders ADD COLUMN note text");
            Thread.sleep(100);
            CompletableFuture<Void> read = app.executeInBackground("SELECT * FROM orders WHERE id = 2");
            List<ZdmBlocker> cancelled = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cancelled.isEmpty() && System.nanoTime() < deadline) {
                RoundResult result = await(round.run());
                seen.addAll(result.transitions());
                result.targets().forEach(o -> cancelled.addAll(o.cancelled()));
                assertThat(result.targets()).allMatch(o -> o.cancelFailures().isEmpty());
                Thread.sleep(INTERVAL.toMillis());
            }

            assertThat(cancelled).extracting(ZdmBlocker::pid).containsExactly(ddl.pid());
            assertThat(alter).failsWithin(Duration.ofSeconds(5));
            read.get();
            longTx.rollback();
            ddl.rollback();
            app.rollback();
        }
    }

    @Test
    void aTargetThatCannotBeReadCountsAsUnhealthy() {
        TargetSampler broken = new TargetSampler("ghost", vertx.pool("no_such_database", "zdm-monitor", 1), Clock.systemUTC());
        BreakerBoard board = new BreakerBoard(new BreakerStore(pool), new BreakerMachine(CONFIG.timing()), Clock.systemUTC());
        BreakerRound round = new BreakerRound(List.of(broken), new BreakerPolicy(CONFIG), board, new ProbeMetrics(registry), Map.of());

        RoundResult first = await(round.run());
        RoundResult second = await(round.run());

        assertThat(first.targets().get(0).decision().metric()).isEqualTo(Decision.PROBE_ERROR);
        assertThat(first.targets().get(0).readings()).isEmpty();
        assertThat(second.transitions()).extracting(Transition::breaker).containsExactly("target:ghost", "migration_executor");
    }

    private Transition runUntil(BreakerRound round, List<Transition> seen, Predicate<Transition> wanted,
                                Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            RoundResult result = await(round.run());
            seen.addAll(result.transitions());
            for (Transition t : result.transitions()) {
                if (wanted.test(t)) {
                    return t;
                }
            }
            Thread.sleep(INTERVAL.toMillis());
        }
        throw new AssertionError("no such transition within " + atMost + "; saw " + seen);
    }
}

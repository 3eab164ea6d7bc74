package dev.zdm.monitor.breaker;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.monitor.probe.LockWait;
import dev.zdm.monitor.probe.LockWaitProbe;
import dev.zdm.monitor.probe.LockWaitReading;
import dev.zdm.monitor.probe.PgSession;
import dev.zdm.monitor.probe.Session;
import dev.zdm.monitor.probe.VertxPg;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lock queue: an application transaction holds a table, zdm's DDL queues for it, and the
 * application's next query queues behind zdm's DDL. The guard names zdm's DDL, the canceller
 * cancels it, and the application's sessions are untouched.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZdmCancellerIT {
    private final LockWaitProbe probe = new LockWaitProbe();
    private final Guard guard = new Guard(new GuardConfig(300, true));
    private TestInfra infra;
    private VertxPg vertx;
    private Pool pool;
    private ZdmCanceller canceller;

    @BeforeAll
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        vertx = new VertxPg(infra);
        pool = vertx.pool("zdm-monitor", 2);
        canceller = new ZdmCanceller(pool);
        try (PgSession setup = PgSession.open(infra, "setup")) {
            setup.execute("CREATE TABLE orders (id int PRIMARY KEY, total int)");
            setup.execute("INSERT INTO orders VALUES (1, 10), (2, 20)");
            setup.commit();
        }
    }

    @AfterAll
    void stop() {
        vertx.close();
    }

    @Test
    void cancelsZdmsQueuedDdlSoTheApplicationProceedsAndLeavesTheApplicationAlone() throws Exception {
        try (PgSession longTx = PgSession.open(infra, "orders-api");
             PgSession ddl = PgSession.open(infra, "zdm-executor");
             PgSession app = PgSession.open(infra, "orders-api")) {
            longTx.execute("UPDATE orders SET total = total + 1 WHERE id = 1");
            ddl.execute("SET lock_timeout = '60s'");
            CompletableFuture<Void> alter = ddl.executeInBackground("ALTER TABLE orders ADD COLUMN note text");
            awaitWaiting(ddl.pid());
            CompletableFuture<Void> read = app.executeInBackground("SELECT * FROM orders WHERE id = 2");
            GuardDecision decision = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> guard.inspect(await(probe.sample(pool))), GuardDecision::zdmIsBlocker);

            assertThat(decision.toCancel()).extracting(ZdmBlocker::pid).containsExactly(ddl.pid());
            assertThat(decision.toCancel().get(0).waiter().pid()).isEqualTo(app.pid());
            assertThat(read).as("the application's read queues behind zdm's DDL").isNotDone();

            assertThat(await(canceller.cancel(decision.toCancel().get(0)))).isTrue();

            assertThatThrownBy(() -> alter.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).as("query_canceled").isEqualTo("57014"));
            read.get(10, TimeUnit.SECONDS);
            assertThat(longTx.queryInt("SELECT total FROM orders WHERE id = 1"))
                    .as("the application's own transaction is still open and intact").isEqualTo(11);
            longTx.commit();
            app.rollback();
            ddl.rollback();
        }
    }

    @Test
    void neverCancelsAnApplicationSessionEvenWhenAReadingClaimsItIsZdms() throws Exception {
        try (PgSession app = PgSession.open(infra, "orders-api")) {
            CompletableFuture<Void> sleeping = app.executeInBackground("SELECT pg_sleep(1.5)");
            awaitActive(app.pid());
            Session forged = new Session(app.pid(), "zdm-forged", "SELECT pg_sleep(1.5)");
            LockWait claimed = new LockWait(new Session(999_999, "orders-worker", ""), 5_000, "relation", List.of(forged));
            ZdmBlocker blocker = guard.inspect(new LockWaitReading(List.of(claimed))).toCancel().get(0);

            assertThat(await(canceller.cancel(blocker))).as("the live session is the application's").isFalse();
            sleeping.get(10, TimeUnit.SECONDS);
            app.rollback();
        }
    }

    @Test
    void aSessionThatIsGoneIsNotCancelled() throws Exception {
        int pid;
        try (PgSession zdm = PgSession.open(infra, "zdm-executor")) {
            pid = zdm.pid();
        }
        LockWait stale = new LockWait(new Session(1, "orders-api", ""), 5_000, "relation",
                List.of(new Session(pid, "zdm-executor", "")));
        ZdmBlocker blocker = guard.inspect(new LockWaitReading(List.of(stale))).toCancel().get(0);

        await().atMost(Duration.ofSeconds(5)).until(() -> !await(canceller.cancel(blocker)));
    }

    private void awaitWaiting(int pid) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> await(probe.sample(pool)).waits().stream().anyMatch(w -> w.waiter().pid() == pid));
    }

    private void awaitActive(int pid) throws Exception {
        try (PgSession observer = PgSession.open(infra, "observer")) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> observer.queryInt(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND state = 'active'") == 1);
        }
    }
}

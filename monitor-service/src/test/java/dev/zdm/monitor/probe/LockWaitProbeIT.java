package dev.zdm.monitor.probe;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockWaitProbeIT {
    private final LockWaitProbe probe = new LockWaitProbe();
    private TestInfra infra;
    private VertxPg vertx;
    private Pool pool;

    @BeforeAll
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        vertx = new VertxPg(infra);
        pool = vertx.pool("zdm-monitor", 1);
        try (PgSession setup = PgSession.open(infra, "setup")) {
            setup.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
            setup.execute("INSERT INTO accounts VALUES (1, 100), (2, 200)");
            setup.commit();
        }
    }

    @AfterAll
    void stop() {
        vertx.close();
    }

    @BeforeEach
    void nobodyWaits() {
        assertThat(await(probe.sample(pool)).waits()).isEmpty();
    }

    @Test
    void seesTheApplicationWaiterItsWaitAndItsApplicationBlocker() throws Exception {
        try (PgSession holder = PgSession.open(infra, "orders-api");
             PgSession waiter = PgSession.open(infra, "orders-worker")) {
            holder.execute("UPDATE accounts SET balance = balance - 1 WHERE id = 1");
            CompletableFuture<Void> blocked = waiter.executeInBackground("UPDATE accounts SET balance = balance + 1 WHERE id = 1");
            LockWait wait = awaitWaiter(waiter.pid(), 1_200);

            assertThat(wait.waiter()).isEqualTo(new Session(waiter.pid(), "orders-worker",
                    "UPDATE accounts SET balance = balance + 1 WHERE id = 1"));
            assertThat(wait.waitEvent()).isEqualTo("transactionid");
            assertThat(wait.blockers()).containsExactly(new Session(holder.pid(), "orders-api",
                    "UPDATE accounts SET balance = balance - 1 WHERE id = 1"));
            assertThat(wait.blockedByZdm()).isFalse();
            assertThat(wait.waiter().zdm()).isFalse();

            holder.rollback();
            blocked.get();
            waiter.rollback();
        }
    }

    @Test
    void reportsTheLongestWaitAndTellsZdmsDdlInTheLockQueueFromTheApplication() throws Exception {
        try (PgSession reader = PgSession.open(infra, "orders-report");
             PgSession ddl = PgSession.open(infra, "zdm-executor");
             PgSession app = PgSession.open(infra, "orders-api")) {
            reader.execute("SELECT count(*) FROM accounts");
            ddl.execute("SET lock_timeout = '30s'");
            CompletableFuture<Void> alter = ddl.executeInBackground("ALTER TABLE accounts ADD COLUMN note text");
            awaitWaiter(ddl.pid(), 0);
            CompletableFuture<Void> select = app.executeInBackground("SELECT * FROM accounts WHERE id = 2");
            awaitWaiter(app.pid(), 500);

            LockWaitReading reading = await(probe.sample(pool));

            assertThat(reading.waitingSessions()).isEqualTo(2);
            LockWait longest = reading.longest().orElseThrow();
            assertThat(longest.waiter().pid()).as("the DDL queued first").isEqualTo(ddl.pid());
            assertThat(reading.longestWaitMs()).isEqualTo(longest.waitMs()).isGreaterThanOrEqualTo(500);
            assertThat(longest.blockers()).extracting(Session::pid).containsExactly(reader.pid());
            List<LockWait> behindZdm = reading.applicationWaitsBehindZdm();
            assertThat(behindZdm).hasSize(1);
            assertThat(behindZdm.get(0).waiter().pid()).isEqualTo(app.pid());
            assertThat(behindZdm.get(0).waitEvent()).isEqualTo("relation");
            assertThat(behindZdm.get(0).blockers()).filteredOn(Session::zdm)
                    .containsExactly(new Session(ddl.pid(), "zdm-executor", "ALTER TABLE accounts ADD COLUMN note text"));

            reader.rollback();
            alter.get();
            ddl.rollback();
            select.get();
            app.rollback();
        }
    }

    private LockWait awaitWaiter(int pid, long atLeastMs) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(
                () -> await(probe.sample(pool)).waits().stream().filter(w -> w.waiter().pid() == pid).findFirst()
                        .filter(w -> w.waitMs() >= atLeastMs).orElse(null),
                w -> w != null);
    }
}

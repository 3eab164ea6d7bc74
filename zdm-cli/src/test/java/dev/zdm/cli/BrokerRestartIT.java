package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.launch.EmbeddedKafka;
import dev.zdm.infra.load.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker restarted (stopped 20 s, its data folder kept) in the middle of a backfill: the executor
 * goes on writing batches (they need the database, not the broker), progress and the phase result
 * wait in the producers, consumers reconnect, and the migration completes by itself with every row
 * updated once. The broker is this test's own, so the other tests' broker is left alone.
 */
@ExtendWith(ZdmInfraExtension.class)
class BrokerRestartIT {
    private static final int ROWS = 6_000;

    @Test
    @Timeout(240)
    void the_broker_restarted_mid_backfill_the_migration_completes_with_every_row_updated_once(TestInfra shared) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            TestInfra infra = new TestInfra(broker.bootstrap(), shared.pg(), shared.database(), shared.topicPrefix());
            TestPipeline.slowItems(infra, ROWS);
            try (TestPipeline zdm = new TestPipeline(infra);
                 Workload app = TestPipeline.appWrites(infra, "UPDATE items SET note = 'app' || ? WHERE id = ?", ROWS)) {
                zdm.submitSlowBackfill("broker-restart");
                long before = zdm.await("broker-restart", e -> e.getRowsDone() > 0 && e.getRowsDone() < ROWS / 2).getRowsDone();
                broker.restart(() -> {
                    try {
                        Thread.sleep(20_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                long back = System.currentTimeMillis();
                var heard = zdm.await("broker-restart", e -> e.getAt().toEpochMilli() >= back && e.getRowsDone() > before);
                System.out.println("progress heard again " + (heard.getAt().toEpochMilli() - back) + " ms after the broker was back");
                zdm.awaitCompleted("broker-restart");
                assertThat(app.errors()).as("the application never needed the broker; first error: %s", app.firstError()).isZero();
                assertThat(zdm.query("SELECT count(*) FILTER (WHERE hits = 1) || '/' || count(*) FROM items")).isEqualTo(ROWS + "/" + ROWS);
                assertThat(zdm.query("SELECT rows_affected FROM zdm._migration_progress WHERE migration_id = 'broker-restart'"))
                        .isEqualTo(String.valueOf(ROWS));
                assertThat(zdm.query("SELECT count(*) FROM zdm.phase_leases")).isEqualTo("0");
                zdm.assertNothingLeftBehind();
            }
        }
    }

    @Test
    @Timeout(240)
    void the_broker_restarted_during_a_dual_write_the_sync_and_the_gates_carry_on_and_the_migration_completes(TestInfra shared) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            TestInfra infra = new TestInfra(broker.bootstrap(), shared.pg(), shared.database(), shared.topicPrefix() + "b");
            TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE; DROP TABLE IF EXISTS orders;"
                    + "CREATE TABLE orders (id bigserial PRIMARY KEY, user_email text);"
                    + "INSERT INTO orders (user_email) SELECT 'u' || g FROM generate_series(1, 5000) g");
            try (TestPipeline zdm = new TestPipeline(infra)) {
                String before;
                try (Workload app = TestPipeline.appWrites(infra, "UPDATE orders SET user_email = 'w' || ? WHERE id = ?", 5_000)) {
                    zdm.submit("broker-sync", """
                            -- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
                            ALTER TABLE orders RENAME COLUMN user_email TO customer_email;
                            """);
                    zdm.await("broker-sync", e -> e.getState().equals("WAITING_DEPLOYMENT"));
                    broker.restart(() -> {
                        try {
                            Thread.sleep(20_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    Thread.sleep(2_000);
                    assertThat(app.errors()).as("the application never needed the broker; first error: %s", app.firstError()).isZero();
                }
                before = zdm.query("SELECT md5(string_agg(id || ':' || user_email, ',' ORDER BY id)) FROM orders");
                zdm.deployed("shop", "v1.1");
                zdm.await("broker-sync", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("v1.2"));
                zdm.deployed("shop", "v1.2");
                zdm.awaitCompleted("broker-sync");
                assertThat(zdm.query("SELECT md5(string_agg(id || ':' || customer_email, ',' ORDER BY id)) FROM orders"))
                        .as("every write of the application, before, during and after the restart").isEqualTo(before);
                zdm.assertNothingLeftBehind();
            }
        }
    }
}

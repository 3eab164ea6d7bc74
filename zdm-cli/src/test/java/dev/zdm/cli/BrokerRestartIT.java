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
                zdm.await("broker-restart", e -> e.getRowsDone() > 0 && e.getRowsDone() < ROWS / 2);
                broker.restart(() -> {
                    try {
                        Thread.sleep(20_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                zdm.awaitCompleted("broker-restart");
                assertThat(app.errors()).as("the application never needed the broker; first error: %s", app.firstError()).isZero();
                assertThat(zdm.query("SELECT count(*) FILTER (WHERE hits = 1) || '/' || count(*) FROM items")).isEqualTo(ROWS + "/" + ROWS);
                assertThat(zdm.query("SELECT rows_affected FROM zdm._migration_progress WHERE migration_id = 'broker-restart'"))
                        .isEqualTo(String.valueOf(ROWS));
                assertThat(zdm.query("SELECT count(*) FROM zdm.phase_leases")).isEqualTo("0");
            }
        }
    }
}

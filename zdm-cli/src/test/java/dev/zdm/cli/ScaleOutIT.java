package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Workload;
import dev.zdm.runtime.ZdmProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Workers that join: a second {@code zdm up} process on the same broker and database, started while a
 * backfill runs, takes over partitions (and with them the phase's command, uncommitted) but not the
 * phase: the first worker holds its lease, so the second leaves it alone. The migration completes,
 * every row is updated exactly once (a second run of any batch would show as 2), nothing is written
 * after the end, and the application's writes never fail.
 */
@ExtendWith(ZdmInfraExtension.class)
class ScaleOutIT {
    private static final int ROWS = 6_000;
    private TestPipeline zdm;

    @BeforeEach
    void start(TestInfra infra) throws Exception {
        TestPipeline.slowItems(infra, ROWS);
        zdm = new TestPipeline(infra);
    }

    @AfterEach
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    @Timeout(180)
    void a_worker_joining_mid_backfill_leaves_the_running_phase_to_its_owner_and_every_row_is_updated_once(TestInfra infra) throws Exception {
        try (Workload app = TestPipeline.appWrites(infra, "UPDATE items SET note = 'app' || ? WHERE id = ?", ROWS)) {
            zdm.submit("scale-join", """
                    -- @metadata {"strategy": "progressive", "batchSize": 200}
                    UPDATE items SET hits = slow_inc(hits);
                    """);
            zdm.await("scale-join", e -> e.getRowsDone() > 0 && e.getRowsDone() < ROWS / 2);
            try (ZdmProcess second = zdm.startWorker("worker-2")) {
                zdm.awaitCompleted("scale-join");
                String atEnd = zdm.query("SELECT md5(string_agg(id || ':' || hits, ',' ORDER BY id)) FROM items");
                Thread.sleep(3_000);
                assertThat(zdm.query("SELECT md5(string_agg(id || ':' || hits, ',' ORDER BY id)) FROM items"))
                        .as("nothing is written after the end").isEqualTo(atEnd);
            }
            assertThat(app.errors()).as("the application's writes, first error: %s", app.firstError()).isZero();
        }
        assertThat(zdm.query("SELECT count(*) FILTER (WHERE hits = 1) || '/' || count(*) FROM items"))
                .as("every row updated exactly once: a batch run twice would leave 2").isEqualTo(ROWS + "/" + ROWS);
        assertThat(zdm.query("SELECT rows_affected FROM zdm._migration_progress WHERE migration_id = 'scale-join'")).isEqualTo(String.valueOf(ROWS));
        assertThat(zdm.query("SELECT count(*) FROM zdm.phase_leases")).as("the lease is given back").isEqualTo("0");
        assertThat(zdm.query("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'zdm%'")).isEqualTo("0");
    }
}

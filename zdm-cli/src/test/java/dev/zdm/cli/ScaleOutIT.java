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
            zdm.submitSlowBackfill("scale-join");
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
        zdm.assertNothingLeftBehind();
    }

    @Test
    @Timeout(180)
    void a_worker_stopped_mid_backfill_hands_its_phase_over_and_the_migration_never_fails(TestInfra infra) throws Exception {
        try (Workload app = TestPipeline.appWrites(infra, "UPDATE items SET note = 'app' || ? WHERE id = ?", ROWS)) {
            zdm.submitSlowBackfill("scale-stop");
            zdm.await("scale-stop", e -> e.getRowsDone() > 0 && e.getRowsDone() < ROWS / 2);
            try (ZdmProcess second = zdm.startWorker("worker-2")) {
                Thread.sleep(2_000);
                // a rolling restart: this worker stops while it runs the phase
                zdm.stopWorker();
                zdm.awaitCompleted("scale-stop");
                assertThat(zdm.query("SELECT owner FROM zdm.phase_leases WHERE migration_id = 'scale-stop'")).isNull();
                assertThat(zdm.query("SELECT count(*) FROM zdm.migration_events WHERE migration_id = 'scale-stop' AND event = 'FAILED'"))
                        .as("never FAILED on the way").isEqualTo("0");
                zdm.startAgain();
            }
        }
        assertThat(zdm.query("SELECT count(*) FILTER (WHERE hits = 1) || '/' || count(*) FROM items"))
                .as("every row updated exactly once across the hand-over").isEqualTo(ROWS + "/" + ROWS);
        assertThat(zdm.query("SELECT rows_affected FROM zdm._migration_progress WHERE migration_id = 'scale-stop'")).isEqualTo(String.valueOf(ROWS));
        zdm.assertNothingLeftBehind();
    }

    @Test
    @Timeout(240)
    void a_worker_killed_mid_backfill_is_taken_over_by_the_other_and_every_row_is_updated_once(TestInfra infra) throws Exception {
        zdm.stopWorker();
        try (WorkerProcess doomed = WorkerProcess.start(infra, "doomed");
             Workload app = TestPipeline.appWrites(infra, "UPDATE items SET note = 'app' || ? WHERE id = ?", ROWS)) {
            zdm.submitSlowBackfill("scale-kill");
            zdm.await("scale-kill", e -> e.getRowsDone() > 0 && e.getRowsDone() < ROWS / 2);
            assertThat(zdm.query("SELECT owner FROM zdm.phase_leases WHERE migration_id = 'scale-kill'")).startsWith("doomed/");
            zdm.startAgain();
            Thread.sleep(2_000);

            doomed.kill();
            long killedAt = System.currentTimeMillis();
            String owner = null;
            while (System.currentTimeMillis() - killedAt < 120_000) {
                owner = zdm.query("SELECT owner FROM zdm.phase_leases WHERE migration_id = 'scale-kill'");
                if (owner == null || owner.startsWith("local/")) break;
                Thread.sleep(100);
            }
            long takeover = System.currentTimeMillis() - killedAt;
            System.out.println("takeover after SIGKILL of the worker running the phase: " + takeover + " ms (new owner " + owner + ")");
            zdm.awaitCompleted("scale-kill");
        }
        assertThat(zdm.query("SELECT count(*) FILTER (WHERE hits = 1) || '/' || count(*) FROM items"))
                .as("every row updated exactly once: the batch cut by the kill rolled back, none ran twice").isEqualTo(ROWS + "/" + ROWS);
        assertThat(zdm.query("SELECT rows_affected FROM zdm._migration_progress WHERE migration_id = 'scale-kill'")).isEqualTo(String.valueOf(ROWS));
        assertThat(zdm.query("SELECT count(*) FROM zdm.phase_leases")).isEqualTo("0");
        zdm.assertNothingLeftBehind();
    }
}

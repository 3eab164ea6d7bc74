package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.PgOutage;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that goes away is a wait, not a failure: PostgreSQL stopped (fast shutdown, every session
 * cut) for 40 s in the middle of a backfill, and in the middle of a dual-write, then started again;
 * each migration completes by itself, with every row right and no replication slot left behind,
 * while the application keeps writing (its writes fail while the server is down, as they would).
 */
@ExtendWith(ZdmInfraExtension.class)
class OutageIT {
    private static final long OUTAGE_MS = 40_000;
    private static final int ROWS = 6_000;
    private TestPipeline zdm;

    @AfterEach
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    @Timeout(300)
    void postgres_down_for_40_s_mid_backfill_the_migration_resumes_and_completes_with_every_row_updated_once(TestInfra infra) throws Exception {
        TestPipeline.slowItems(infra, ROWS);
        PgOutage outage = PgOutage.of(infra.pg());
        zdm = new TestPipeline(infra);
        try (Workload app = TestPipeline.appWrites(infra, "UPDATE items SET note = 'app' || ? WHERE id = ?", ROWS)) {
            zdm.submitSlowBackfill("outage-backfill");
            long before = zdm.await("outage-backfill", e -> e.getRowsDone() > 0 && e.getRowsDone() < ROWS / 2).getRowsDone();
            down(outage);
            long back = System.currentTimeMillis();
            var resumed = zdm.await("outage-backfill", e -> e.getAt().toEpochMilli() >= back && e.getRowsDone() > before);
            System.out.println("backfill moving again " + (resumed.getAt().toEpochMilli() - back) + " ms after PostgreSQL was back");
            zdm.awaitCompleted("outage-backfill");
        }
        assertThat(zdm.query("SELECT count(*) FILTER (WHERE hits = 1) || '/' || count(*) FROM items"))
                .as("every row updated once: the batch cut by the shutdown rolled back, none ran twice").isEqualTo(ROWS + "/" + ROWS);
        assertThat(zdm.query("SELECT rows_affected FROM zdm._migration_progress WHERE migration_id = 'outage-backfill'")).isEqualTo(String.valueOf(ROWS));
        assertThat(zdm.query("SELECT count(*) FROM zdm.phase_leases")).isEqualTo("0");
        zdm.assertNothingLeftBehind();
    }

    @Test
    @Timeout(300)
    void postgres_down_for_40_s_during_a_dual_write_the_sync_waits_and_the_migration_completes(TestInfra infra) throws Exception {
        TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE; DROP TABLE IF EXISTS orders;"
                + "CREATE TABLE orders (id bigserial PRIMARY KEY, user_email text);"
                + "INSERT INTO orders (user_email) SELECT 'u' || g FROM generate_series(1, 5000) g");
        PgOutage outage = PgOutage.of(infra.pg());
        zdm = new TestPipeline(infra);
        String before;
        try (Workload app = TestPipeline.appWrites(infra, "UPDATE orders SET user_email = 'w' || ? WHERE id = ?", 5_000)) {
            zdm.submit("outage-sync", """
                    -- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
                    ALTER TABLE orders RENAME COLUMN user_email TO customer_email;
                    """);
            zdm.await("outage-sync", e -> e.getState().equals("WAITING_DEPLOYMENT"));
            down(outage);
            long back = System.currentTimeMillis();
            // the application keeps writing the old column; the sync must catch up with all of it
            Thread.sleep(3_000);
            app.close();
            long deadline = System.currentTimeMillis() + 120_000;
            while (!"0".equals(zdm.query("SELECT count(*) FROM orders WHERE customer_email IS DISTINCT FROM user_email"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            System.out.println("new column consistent again " + (System.currentTimeMillis() - back)
                    + " ms after PostgreSQL was back (the application wrote for the first 3 s of it)");
        }
        before = zdm.query("SELECT md5(string_agg(id || ':' || user_email, ',' ORDER BY id)) FROM orders");
        zdm.deployed("shop", "v1.1");
        zdm.await("outage-sync", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("v1.2"));
        zdm.deployed("shop", "v1.2");
        zdm.awaitCompleted("outage-sync");
        assertThat(zdm.query("SELECT md5(string_agg(id || ':' || customer_email, ',' ORDER BY id)) FROM orders"))
                .as("every write of the application, before, during and after the outage").isEqualTo(before);
        zdm.assertNothingLeftBehind();
    }

    private static void down(PgOutage outage) throws Exception {
        outage.stop();
        try {
            Thread.sleep(OUTAGE_MS);
        } finally {
            outage.start();
        }
    }
}

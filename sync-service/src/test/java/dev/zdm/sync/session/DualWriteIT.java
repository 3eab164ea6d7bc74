package dev.zdm.sync.session;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.sync.testing.Harness;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rename a column by dual-write through change capture, under a concurrent write workload that keeps
 * changing the old column while the backfill runs (trying to slip an update between the backfill's read
 * and the stream). Old and new end equal row for row and by checksum; after REVERSE the application's
 * writes of the new column flow back to the old; STOP leaves no slot, no publication, and the replica
 * identity as it was.
 */
@ExtendWith(ZdmInfraExtension.class)
class DualWriteIT {
    private static final String ID = "it-dual-write";
    private static final int ROWS = 10_000;

    @Test
    void renames_a_column_under_concurrent_writes_without_losing_an_update(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE orders (id bigserial PRIMARY KEY, user_email text, note text);"
                + "INSERT INTO orders (user_email, note) SELECT 'u' || g || '@example.com', 'n' FROM generate_series(1, " + ROWS + ") g;"
                + "ALTER TABLE orders ADD COLUMN customer_email text");
        try (Harness h = new Harness(infra)) {
            SyncSpec spec = new SyncSpec(ID, Harness.TARGET, SyncMode.DUAL_WRITE, TableName.of("orders"), TableName.of("orders"), List.of("id"),
                    Map.of("customer_email", "user_email"), Map.of("user_email", "customer_email"));
            SyncReport started = h.ask(new SyncRequest.Start("p2", spec));
            assertThat(started.state()).as(String.valueOf(started.error())).isEqualTo(SyncState.STREAMING);
            assertThat(db.one("SELECT relreplident FROM pg_class WHERE relname = 'orders'")).isEqualTo("f");

            try (Workload app = new Workload(infra.jdbcUrl(), 4, 0, (c, r) -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET user_email = ? WHERE id = ?")) {
                    ps.setString(1, "w" + r.nextInt(1_000_000) + "@example.com");
                    ps.setLong(2, 1 + r.nextInt(ROWS));
                    ps.executeUpdate();
                }
            }).start()) {
                backfill(db, ROWS, 250);
                // keep writing at full speed a while: decoded-but-not-yet-visible commits show up under load
                Thread.sleep(2_500);
                assertThat(app.writes()).as("the workload wrote during the backfill").isGreaterThan(200);
                assertThat(app.errors()).as("application errors: " + app.firstError()).isZero();
            }
            assertThat(h.ask(new SyncRequest.Drain(ID, Harness.TARGET, "p2")).state()).isEqualTo(SyncState.CAUGHT_UP);
            assertThat(db.count("SELECT count(*) FROM orders WHERE customer_email IS DISTINCT FROM user_email")).isZero();
            double applied = h.registry.get("zdm_sync_changes_applied_total").tag("table", "public.orders").counter().count();
            var batches = h.registry.get("zdm_sync_apply_batch_changes").tag("table", "public.orders").summary();
            assertThat(applied).as("changes applied").isPositive();
            assertThat(batches.totalAmount()).as("the batch summary adds up to the changes applied").isEqualTo(applied);
            assertThat(batches.count()).as("apply transactions, fewer than changes").isPositive().isLessThan((long) applied);
            assertThat(checksum(db, "user_email")).isEqualTo(checksum(db, "customer_email"));
            SyncReport verified = h.ask(new SyncRequest.Verify(ID, Harness.TARGET, "p4", TableName.of("orders"), TableName.of("orders"), List.of("id"),
                    Map.of("customer_email", "user_email")));
            assertThat(verified.state()).as(String.valueOf(verified.error())).isEqualTo(SyncState.VERIFIED);

            assertThat(h.ask(new SyncRequest.Reverse(ID, Harness.TARGET, "p3")).state()).isEqualTo(SyncState.REVERSED);
            try (Workload app = new Workload(infra.jdbcUrl(), 2, 0, (c, r) -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET customer_email = ? WHERE id = ?")) {
                    ps.setString(1, "v2-" + r.nextInt(1_000_000) + "@example.com");
                    ps.setLong(2, 1 + r.nextInt(ROWS));
                    ps.executeUpdate();
                }
            }).start()) {
                Thread.sleep(1_500);
                assertThat(app.errors()).isZero();
            }
            assertThat(h.ask(new SyncRequest.Drain(ID, Harness.TARGET, "p3")).state()).isEqualTo(SyncState.CAUGHT_UP);
            assertThat(db.count("SELECT count(*) FROM orders WHERE customer_email LIKE 'v2-%'")).isPositive();
            assertThat(db.count("SELECT count(*) FROM orders WHERE customer_email IS DISTINCT FROM user_email")).isZero();

            assertThat(h.ask(new SyncRequest.Stop(ID, Harness.TARGET, "p5")).state()).isEqualTo(SyncState.STOPPED);
            assertThat(db.zdmLeftovers()).isZero();
            assertThat(db.one("SELECT relreplident FROM pg_class WHERE relname = 'orders'")).isEqualTo("d");
            assertThat(db.count("SELECT count(*) FROM zdm.sync_offsets")).isZero();
        }
    }

    /** The executor's backfill, in keyset batches, writing only rows still unset; a batch that loses a deadlock to the applier is run again. */
    static void backfill(Db db, int rows, int batch) {
        for (int lower = 0; lower < rows; lower += batch) {
            db.execRetryingConflicts("UPDATE orders SET customer_email = user_email WHERE id > " + lower + " AND id <= " + (lower + batch)
                    + " AND customer_email IS NULL");
        }
    }

    static String checksum(Db db, String column) {
        return db.one("SELECT md5(string_agg(id || ':' || coalesce(" + column + ", '~'), ',' ORDER BY id)) FROM orders");
    }
}

package dev.zdm.monitor.probe;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlotRetentionProbeIT {
    /** Slot names are server-wide: a suffix keeps test classes sharing the server apart. */
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String zdmSlot = "zdm_test_" + suffix;
    private final String otherSlot = "other_" + suffix;
    private final SlotRetentionProbe probe = new SlotRetentionProbe();
    private TestInfra infra;
    private VertxPg vertx;
    private Pool pool;

    @BeforeAll
    void start(TestInfra infra) {
        this.infra = infra;
        vertx = new VertxPg(infra);
        pool = vertx.pool("zdm-monitor", 1);
    }

    @AfterAll
    void stop() throws Exception {
        try (PgSession s = PgSession.open(infra, "cleanup")) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name IN ('" + zdmSlot + "', '" + otherSlot + "')");
            s.commit();
        }
        vertx.close();
    }

    @Test
    void retainedWalOfAnIdleZdmSlotGrowsAsWalIsWritten() throws Exception {
        try (PgSession s = PgSession.open(infra, "orders-api")) {
            s.execute("SELECT pg_create_logical_replication_slot('" + zdmSlot + "', 'pgoutput')");
            s.execute("SELECT pg_create_logical_replication_slot('" + otherSlot + "', 'pgoutput')");
            s.commit();

            SlotRetention before = only(await(probe.sample(pool)));
            s.execute("CREATE TABLE wal_filler (id int, pad text)");
            s.execute("INSERT INTO wal_filler SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            s.commit();
            SlotRetention after = only(await(probe.sample(pool)));

            assertThat(before.slotName()).isEqualTo(zdmSlot);
            assertThat(before.slotType()).isEqualTo("logical");
            assertThat(before.active()).isFalse();
            assertThat(before.activePid()).isNull();
            assertThat(before.walStatus()).isEqualTo("reserved");
            assertThat(after.retainedBytes() - before.retainedBytes())
                    .as("20,000 rows of 200 bytes write at least 4 MB of WAL").isGreaterThan(4_000_000L);
        }
    }

    private SlotRetention only(SlotRetentionReading reading) {
        assertThat(reading.slots()).as("only zdm's slots are read").hasSize(1);
        return reading.slots().get(0);
    }
}

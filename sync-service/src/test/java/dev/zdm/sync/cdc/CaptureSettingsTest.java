package dev.zdm.sync.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.sync.db.DbTarget;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CaptureSettingsTest {

    @Test
    void captures_exactly_the_tables_in_flight_from_zdm_s_own_slot_without_a_snapshot() {
        Properties p = new CaptureSettings(new DbTarget("main", "db.local", 5433, "app", "zdm", "secret"), "zdm_m1", "zdm_m1",
                List.of("public.users", "app.order$items")).toProperties();
        assertThat(p.getProperty("table.include.list")).isEqualTo("public\\.users,app\\.order\\$items");
        assertThat(p.getProperty("plugin.name")).isEqualTo("pgoutput");
        assertThat(p.getProperty("slot.name")).isEqualTo("zdm_m1");
        assertThat(p.getProperty("publication.autocreate.mode")).isEqualTo("filtered");
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("no_data");
        assertThat(p.getProperty("poll.interval.ms")).isEqualTo("10");
        assertThat(p.getProperty("slot.drop.on.stop")).isEqualTo("false");
        assertThat(p.getProperty("offset.storage")).isEqualTo(JdbcOffsetStore.class.getName());
        assertThat(p.getProperty(JdbcOffsetStore.SLOT)).isEqualTo("zdm_m1");
        assertThat(p.getProperty("message.prefix.include.list")).isEqualTo("zdm_m1");
        assertThat(p.getProperty("database.port")).isEqualTo("5433");
    }
}

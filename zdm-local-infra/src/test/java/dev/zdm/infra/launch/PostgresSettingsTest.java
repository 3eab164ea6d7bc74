package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void defaultsAllowLogicalReplicationOnLoopbackWithSynchronousCommit() {
        assertThat(PostgresSettings.withDefaults(Map.of()))
                .containsEntry("wal_level", "logical")
                .containsEntry("synchronous_commit", "on")
                .containsEntry("listen_addresses", "127.0.0.1")
                .containsEntry("max_replication_slots", "32")
                .containsEntry("max_wal_senders", "32");
    }

    @Test
    void overridesWin() {
        assertThat(PostgresSettings.withDefaults(Map.of("fsync", "on", "work_mem", "64MB")))
                .containsEntry("fsync", "on")
                .containsEntry("work_mem", "64MB")
                .containsEntry("wal_level", "logical");
    }
}

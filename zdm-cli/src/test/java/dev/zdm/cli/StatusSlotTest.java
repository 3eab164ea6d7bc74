package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code zdm status} says of a FAILED migration's replication slot: what it costs and what bounds it. */
class StatusSlotTest {

    @Test
    void a_streaming_sync_consumes_its_wal_and_a_stalled_one_names_the_server_bound_or_its_absence() {
        assertThat(StatusCommand.failedSlot(true, "reserved", "10GB")).startsWith("its sync still streams, so the WAL is consumed")
                .contains("bounded by max_slot_wal_keep_size = 10GB");
        assertThat(StatusCommand.failedSlot(false, "extended", "-1")).startsWith("its sync is not streaming, so the WAL grows")
                .contains("unbounded (max_slot_wal_keep_size = -1");
        assertThat(StatusCommand.failedSlot(false, "lost", "1GB")).contains("its WAL was removed", "cannot resume", "roll the migration back");
    }
}

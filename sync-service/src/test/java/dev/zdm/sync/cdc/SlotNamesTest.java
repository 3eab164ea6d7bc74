package dev.zdm.sync.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotNamesTest {

    @Test
    void a_plain_id_names_its_slot_as_is() {
        assertThat(SlotNames.of("m42")).isEqualTo("zdm_m42");
    }

    @Test
    void an_id_that_had_to_change_gets_a_hash_so_two_ids_never_share_a_slot() {
        assertThat(SlotNames.of("Users-Rename")).matches("zdm_users_rename_[0-9a-f]{6}");
        assertThat(SlotNames.of("users-rename")).isNotEqualTo(SlotNames.of("users_rename")).isNotEqualTo(SlotNames.of("Users-Rename"));
        String longest = SlotNames.of("x".repeat(200));
        assertThat(longest).hasSizeLessThanOrEqualTo(63).startsWith("zdm_" + "x".repeat(40));
    }
}

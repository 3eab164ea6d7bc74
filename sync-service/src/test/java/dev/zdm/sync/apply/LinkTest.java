package dev.zdm.sync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A link is checked against both tables, reporting every problem at once. */
class LinkTest {

    @Test
    void watches_the_source_columns_its_expressions_read() {
        Link link = Link.of(SyncMode.DUAL_WRITE, Tables.users(), Tables.users(), List.of("id"), Map.of("last_name", "first_name || email"));
        assertThat(link.watched()).containsExactlyInAnyOrder("first_name", "email");
    }

    @Test
    void refuses_what_does_not_fit_and_says_all_of_it() {
        assertThatThrownBy(() -> Link.of(SyncMode.BLUE_GREEN, Tables.users(), Tables.green(), List.of("id", "nope"),
                Map.of("email", "email", "missing", "x")))
                .isInstanceOf(ZdmException.class)
                .satisfies(e -> assertThat(((ZdmException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("key column nope is not a column of public.users")
                .hasMessageContaining("mapped column missing is not a column of public.users_green")
                .hasMessageContaining("blue-green mapping must give key column id");
    }

    @Test
    void dual_write_stays_in_one_table_and_off_the_key() {
        assertThatThrownBy(() -> Link.of(SyncMode.DUAL_WRITE, Tables.users(), Tables.users(), List.of("id"), Map.of("id", "id + 1")))
                .hasMessageContaining("cannot map onto key column id");
        assertThatThrownBy(() -> Link.of(SyncMode.DUAL_WRITE, Tables.users(), Tables.green(), List.of("id"), Map.of("email", "email")))
                .hasMessageContaining("dual-write syncs columns of one table");
    }

    @Test
    void keys_of_types_that_do_not_survive_the_trip_as_text_are_refused() {
        var t = Tables.table(9, "events", "id timestamp timestamp", "v text text", "w text text");
        assertThatThrownBy(() -> Link.of(SyncMode.DUAL_WRITE, t, t, List.of("id"), Map.of("w", "v")))
                .hasMessageContaining("key column id has type timestamp; supported key types");
    }
}

package dev.zdm.sync.apply;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.sync.cdc.CapturedEvent;
import dev.zdm.sync.cdc.Unavailable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which dual-write changes need an apply: only those that changed a column the mapping reads. */
class GateTest {
    private static final Set<String> WATCHED = Set.of("old");

    private static CapturedEvent.Change update(Map<String, Object> before, Map<String, Object> after) {
        return new CapturedEvent.Change(new TableName("public", "t"), CapturedEvent.Op.UPDATE, before, after, 1, 1, 1);
    }

    private static Map<String, Object> row(Object old, Object neu) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", 1);
        m.put("old", old);
        m.put("new", neu);
        return m;
    }

    @Test
    void inserts_always_deletes_never() {
        assertThat(Gate.needsApply(new CapturedEvent.Change(new TableName("public", "t"), CapturedEvent.Op.INSERT, null, row("a", null), 1, 1, 1), WATCHED)).isTrue();
        assertThat(Gate.needsApply(new CapturedEvent.Change(new TableName("public", "t"), CapturedEvent.Op.DELETE, row("a", "a"), null, 1, 1, 1), WATCHED)).isFalse();
    }

    @Test
    void an_update_of_the_watched_column_is_applied_an_echo_is_not() {
        assertThat(Gate.needsApply(update(row("a", "a"), row("b", "a")), WATCHED)).as("old changed").isTrue();
        assertThat(Gate.needsApply(update(row("b", "a"), row("b", "b")), WATCHED)).as("zdm's echo: only new changed").isFalse();
        assertThat(Gate.needsApply(update(row(null, "a"), row(null, "x")), WATCHED)).as("the new shape written directly").isFalse();
        assertThat(Gate.needsApply(update(row(new byte[] {1}, null), row(new byte[] {1}, "x")), WATCHED)).as("equal bytes").isFalse();
    }

    @Test
    void without_an_old_image_it_cannot_tell_and_applies() {
        assertThat(Gate.needsApply(update(null, row("b", "a")), WATCHED)).isTrue();
    }

    @Test
    void an_unchanged_toasted_value_counts_as_unchanged() {
        assertThat(Gate.needsApply(update(row("long", "x"), row(Unavailable.PLACEHOLDER, "y")), WATCHED)).isFalse();
        assertThat(Gate.needsApply(update(row(Unavailable.PLACEHOLDER, "x"), row("now set", "x")), WATCHED)).isTrue();
    }
}

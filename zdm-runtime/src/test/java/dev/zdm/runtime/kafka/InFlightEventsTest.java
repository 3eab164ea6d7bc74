package dev.zdm.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightEventsTest {
    private static final long LIMIT = 60_000;

    @Test
    void an_event_is_stuck_only_when_both_long_in_flight_and_long_silent() {
        InFlightEvents events = new InFlightEvents();
        events.started("zdm.phase.commands", 1, 42, 0);
        assertThat(events.stuck(LIMIT - 1, LIMIT)).isEmpty();
        assertThat(events.stuck(LIMIT, LIMIT)).containsExactly("zdm.phase.commands/1@42 in flight 60 s, silent 60 s");

        events.touch("zdm.phase.commands", 1, 42, 50_000);
        assertThat(events.stuck(LIMIT + 1, LIMIT)).as("touched 11 s ago: slow, not stuck").isEmpty();
        assertThat(events.stuck(110_000, LIMIT)).hasSize(1);
        assertThat(events.oldestAgeMs(110_000)).isEqualTo(110_000);
    }

    @Test
    void a_touch_for_another_offset_or_a_finished_event_changes_nothing() {
        InFlightEvents events = new InFlightEvents();
        events.started("t", 0, 7, 0);
        events.touch("t", 0, 6, 59_000);
        assertThat(events.stuck(LIMIT, LIMIT)).as("a late touch of the previous event").hasSize(1);
        events.finished("t", 0);
        events.touch("t", 0, 7, 70_000);
        assertThat(events.stuck(1_000_000, LIMIT)).isEmpty();
        assertThat(events.oldestAgeMs(1_000_000)).isZero();
    }

    @Test
    void no_limit_never_reports_a_stuck_event() {
        InFlightEvents events = new InFlightEvents();
        events.started("t", 0, 1, 0);
        assertThat(events.stuck(Long.MAX_VALUE / 2, 0)).isEmpty();
    }
}

package dev.zdm.sync.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MarkersTest {

    @Test
    void an_applied_marker_settles_every_earlier_one_and_measures_the_lag() {
        Markers markers = new Markers();
        Markers.Marker lost = markers.next(1_000);
        Markers.Marker second = markers.next(2_000);
        CompletableFuture<Void> waitingForLost = markers.whenApplied(lost.seq());
        assertThat(markers.streaming()).isFalse();
        assertThat(markers.lagMs(2_500)).as("the oldest marker on its way").isEqualTo(1_500);

        markers.applied(second.content(), 77, 2_040);

        assertThat(markers.streaming()).isTrue();
        assertThat(waitingForLost).as("markers arrive in commit order: an earlier one that never came is settled").isCompleted();
        assertThat(markers.lagMs(2_050)).isEqualTo(40);
        assertThat(markers.lastAppliedLsn()).isEqualTo(77);
        assertThat(markers.whenApplied(second.seq())).isCompleted();
    }

    @Test
    void markers_of_an_earlier_incarnation_do_not_count() {
        Markers old = new Markers();
        Markers now = new Markers();
        Markers.Marker stale = old.next(1_000);
        now.next(1_000);
        now.applied(stale.content(), 5, 1_010);
        assertThat(now.streaming()).isFalse();
    }

    @Test
    void an_interrupted_capture_fails_waiters_but_a_restarted_one_serves_new_ones() {
        Markers markers = new Markers();
        CompletableFuture<Void> waiting = markers.whenApplied(markers.next(0).seq());
        markers.interrupt(new IllegalStateException("lost"));
        assertThat(waiting).isCompletedExceptionally();
        Markers.Marker next = markers.next(10);
        CompletableFuture<Void> again = markers.whenApplied(next.seq());
        markers.applied(next.content(), 1, 20);
        assertThat(again).isCompleted();
        markers.fail(new IllegalStateException("ended"));
        assertThat(markers.whenApplied(99)).isCompletedExceptionally();
    }
}

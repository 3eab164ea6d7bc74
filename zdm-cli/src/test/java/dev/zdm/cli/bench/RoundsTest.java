package dev.zdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {
    private static ResultRow row(String name, long rows, double rps, double p99, double stall) {
        return new ResultRow(name, rows, rps, new AppStats(1000, 0, 0.2, p99, p99 * 2, stall));
    }

    @Test
    void eachColumnIsTheMedianOfItsOwn() {
        List<List<ResultRow>> rounds = List.of(
                List.of(row("none", 0, 0, 1.2, 5), row("zdm", 1_000_000, 300_000, 9.0, 20)),
                List.of(row("none", 0, 0, 12.0, 30), row("zdm", 1_000_000, 340_000, 2.0, 90)),
                List.of(row("none", 0, 0, 1.5, 6), row("zdm", 1_000_000, 320_000, 3.0, 10)));
        List<ResultRow> median = Rounds.median(rounds);
        assertThat(median).extracting(ResultRow::scenario).containsExactly("none", "zdm");
        assertThat(median.get(0).app().p99Ms()).isEqualTo(1.5);
        assertThat(median.get(0).app().maxStallMs()).isEqualTo(6.0);
        assertThat(median.get(1).rowsPerSecond()).isEqualTo(320_000);
        assertThat(median.get(1).app().p99Ms()).isEqualTo(3.0);
        assertThat(median.get(1).app().maxMs()).isEqualTo(6.0);
        assertThat(median.get(1).app().maxStallMs()).isEqualTo(20.0);
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwoAndDifferentSuffixesAreKept() {
        List<List<ResultRow>> rounds = List.of(
                List.of(row("guide-do-loop", 10, 1, 4.0, 1)),
                List.of(row("guide-do-loop (statement_timeout 60 s; rolled back)", 20, 3, 8.0, 3)));
        ResultRow r = Rounds.median(rounds).get(0);
        assertThat(r.scenario()).isEqualTo("guide-do-loop / guide-do-loop (statement_timeout 60 s; rolled back)");
        assertThat(r.rowsPerSecond()).isEqualTo(2.0);
        assertThat(r.rows()).isEqualTo(15);
        assertThat(r.app().p99Ms()).isEqualTo(6.0);
    }

    @Test
    void oneRoundIsReturnedAsItIsAndMismatchedRoundsAreRefused() {
        List<ResultRow> only = List.of(row("none", 0, 0, 1, 1));
        assertThat(Rounds.median(List.of(only))).isSameAs(only);
        assertThatThrownBy(() -> Rounds.median(List.of(only, List.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Rounds.labelled(List.of(only, only))).extracting(ResultRow::scenario).containsExactly("none #1", "none #2");
    }
}

package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchSizerTest {
    private final BatchSizer sizer = new BatchSizer(100, 10, 50_000);

    @ParameterizedTest(name = "{0}: {1} rows in {2} ms -> {3}")
    @CsvSource({
            // case,                         current, elapsedMs, expected
            "far under target grows 1.5x,    1000,    10,        1500",
            "zero time grows 1.5x,           1000,    0,         1500",
            "80% of target grows to fit,     1000,    80,        1250",
            "on target holds,                1000,    100,       1000",
            "a little over shrinks in step,  1000,    125,       800",
            "just under brake is proportional, 1000,  299,       334",
            "3x target brakes: a third then half, 1000, 300, 166",
            "10x target brakes: a tenth then half, 1000, 1000,  50",
            "growth stops at the max cap,    40000,   10,        50000",
            "shrink stops at the min cap,    20,      5000,      10",
            "min cap grows,                  10,      1,         15",
    })
    void nextSize(String name, int current, long elapsedMs, int expected) {
        assertThat(sizer.next(current, elapsedMs)).isEqualTo(expected);
    }

    @Test
    void neverGrowsMoreThanOneAndAHalfTimes() {
        int size = 10;
        for (int i = 0; i < 30; i++) {
            int next = sizer.next(size, 1);
            assertThat(next).isLessThanOrEqualTo((int) Math.floor(size * BatchSizer.MAX_GROWTH));
            size = next;
        }
        assertThat(size).isEqualTo(50_000);
    }

    @Test
    void initialAndSmallerRespectTheCaps() {
        assertThat(sizer.initial(1)).isEqualTo(10);
        assertThat(sizer.initial(10_000)).isEqualTo(10_000);
        assertThat(sizer.initial(1_000_000)).isEqualTo(50_000);
        assertThat(sizer.smaller(1000, null)).isEqualTo(500);
        assertThat(sizer.smaller(1000, 250)).isEqualTo(250);
        assertThat(sizer.smaller(12, null)).isEqualTo(10);
    }

    @Test
    void rejectsNonsenseCaps() {
        assertThatThrownBy(() -> new BatchSizer(0, 1, 2)).hasMessageContaining("target");
        assertThatThrownBy(() -> new BatchSizer(100, 20, 10)).hasMessageContaining("minRows");
    }
}

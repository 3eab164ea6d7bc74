package dev.zdm.sync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchSizerTest {

    @ParameterizedTest(name = "size {0}, took {1} ms -> {2}")
    @CsvSource({
        "1000, 200, 1000",   // on target: unchanged
        "1000, 50, 1500",    // four times faster: grows by 1.5x at most
        "1000, 0, 1500",     // unmeasurably fast: still 1.5x at most
        "1000, 400, 500",    // twice too slow: halved at once
        "1000, 2000, 100",   // ten times too slow: cut to the floor
        "18000, 10, 20000",  // never above the cap
    })
    void sizes_the_next_batch_by_the_last_one_s_time(int size, long took, int next) {
        BatchSizer sizer = new BatchSizer(200, size, 100, 20_000);
        assertThat(sizer.record(took)).isEqualTo(next);
    }
}

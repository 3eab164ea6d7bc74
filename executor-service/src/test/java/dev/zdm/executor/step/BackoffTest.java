package dev.zdm.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    @ParameterizedTest(name = "attempt {0}: {1}..{2} ms")
    @CsvSource({
            "1, 50, 100",
            "2, 100, 200",
            "3, 200, 400",
            "6, 1600, 3200",
            "7, 2500, 5000",
            "30, 2500, 5000",
            "64, 2500, 5000"})
    void doubles_per_attempt_within_equal_jitter_and_caps(int attempt, long min, long max) {
        Backoff low = new Backoff(100, 5_000, bound -> 0);
        Backoff high = new Backoff(100, 5_000, bound -> bound);
        assertThat(low.delayMs(attempt)).isEqualTo(min);
        assertThat(high.delayMs(attempt)).isEqualTo(max);
        long real = Backoff.withJitter(100, 5_000).delayMs(attempt);
        assertThat(real).isBetween(min, max);
    }
}

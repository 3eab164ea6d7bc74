package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    private final Backoff backoff = new Backoff(100, 1_000, 5);

    @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
    @CsvSource({
            "1, 0.0,   50",
            "1, 0.999, 99",
            "2, 0.0,   100",
            "2, 0.5,   150",
            "3, 0.0,   200",
            "4, 0.99,  796",
            "5, 0.0,   500",
            "9, 0.0,   500",
            "40, 0.5,  750",
    })
    void doublesWithEqualJitterUpToTheCeiling(int attempt, double random, long expected) {
        assertThat(backoff.delayMs(attempt, random)).isEqualTo(expected);
    }

    @Test
    void neverRetriesAtOnceAndStopsAfterMaxAttempts() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(backoff.delayMs(attempt, 0.0)).isPositive();
            assertThat(backoff.allows(attempt)).isTrue();
        }
        assertThat(backoff.allows(6)).isFalse();
    }
}

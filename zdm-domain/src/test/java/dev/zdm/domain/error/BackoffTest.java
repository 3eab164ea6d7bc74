package dev.zdm.domain.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff backoff = new Backoff(100, 1_000, 5, 60_000);

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

    @Test
    void aPermanentErrorIsNeverRetriedAndAnotherRetriableOneByCount() {
        assertThat(backoff.next(ErrorCode.SQL_ERROR, 1, 0, 0.5)).isEqualTo(-1);
        assertThat(backoff.next(ErrorCode.LOCK_TIMEOUT, 5, 0, 0.0)).isEqualTo(500);
        assertThat(backoff.next(ErrorCode.TRANSIENT_CONFLICT, 6, 0, 0.0)).isEqualTo(-1);
        assertThat(backoff.gaveUp(ErrorCode.LOCK_TIMEOUT, 6, 3_000)).isEqualTo("still failing after 6 attempts over 3000 ms");
    }

    @Test
    void aLostConnectionIsAWaitForTheWholeOutageWindowWhateverTheCount() {
        assertThat(backoff.next(ErrorCode.CONNECTION_LOST, 500, 59_000, 0.0)).as("never past the window's end").isEqualTo(500);
        assertThat(backoff.next(ErrorCode.CONNECTION_LOST, 500, 59_800, 0.0)).isEqualTo(200);
        assertThat(backoff.next(ErrorCode.CONNECTION_LOST, 2, 60_000, 0.0)).isEqualTo(-1);
        assertThat(backoff.gaveUp(ErrorCode.CONNECTION_LOST, 80, 60_000)).contains("still unreachable after 60000 ms", "outage window is 60000 ms");
        Backoff counted = backoff.withOutageWindow(0);
        assertThat(counted.next(ErrorCode.CONNECTION_LOST, 6, 1, 0.0)).as("without a window it is counted like the others").isEqualTo(-1);
    }
}

package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void retriesAPortClashWithTheNextAttempt() {
        List<Integer> attempts = new ArrayList<>();

        String result = Retry.onBindFailure(attempt -> {
            attempts.add(attempt);
            if (attempt < 2) {
                throw new IllegalStateException("start failed", new BindException("Address already in use"));
            }
            return "started";
        });

        assertThat(result).isEqualTo("started");
        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void givesUpAfterThreeClashes() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> Retry.onBindFailure(attempt -> {
            attempts.add(attempt);
            throw new UncheckedIOException(new java.io.IOException("FATAL: could not bind IPv4 address")); 
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> Retry.onBindFailure(attempt -> {
            attempts.add(attempt);
            throw new IllegalStateException("initdb failed");
        })).hasMessage("initdb failed");
        assertThat(attempts).containsExactly(1);
    }
}

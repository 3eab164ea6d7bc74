package dev.zdm.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessTest {
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "http://127.0.0.1:8080, 127.0.0.1:8080, true",
            "https://zdm.internal, zdm.internal, true",
            "HTTP://ZDM.internal, zdm.internal, true",
            "http://evil.example, 127.0.0.1:8080, false",
            "http://127.0.0.1:8081, 127.0.0.1:8080, false",
            "null, 127.0.0.1:8080, false",
            "http://127.0.0.1:8080.evil.example, 127.0.0.1:8080, false",
    })
    void onlyTheServersOwnOriginIsItsOwn(String origin, String host, boolean same) {
        assertThat(Access.sameOrigin(origin, host)).isEqualTo(same);
    }
}

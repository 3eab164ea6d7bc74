package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyRangeTest {

    @ParameterizedTest(name = "[{0}, {1}] {2}% -> {3}")
    @CsvSource(nullValues = "none", value = {
            "1,      100000,  100, 100000",
            "1,      100000,  10,  10000",
            "1,      100,     1,   1",
            "-50,    50,      50,  0",
            "0,      9,       50,  4",
            "5,      5,       30,  5",
            "9223372036854775000, 9223372036854775807, 50, 9223372036854775403",
            "1.5,    2.5,     50,  2",
            "abc,    xyz,     50,  none",
            "abc,    xyz,     100, xyz",
            "NaN,    1,       50,  none",
    })
    void numericEnd(String min, String max, int percent, String expected) {
        assertThat(new KeyRange(min, max).numericEnd(percent)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{2} in [{0}, {1}] -> {3}")
    @CsvSource(nullValues = "none", value = {
            "1,   101, none, 0.0",
            "1,   101, 1,    0.0",
            "1,   101, 51,   0.5",
            "1,   101, 101,  1.0",
            "1,   101, 500,  1.0",
            "7,   7,   7,    1.0",
    })
    void fraction(String min, String end, String key, double expected) {
        assertThat(new KeyRange(min, "999").fraction(key, end)).contains(expected);
    }
}

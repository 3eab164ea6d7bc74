package dev.zdm.monitor.breaker;

import dev.zdm.monitor.breaker.check.Measurement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MeasurementTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            longest lock wait | ms    | 2500   | 2000 | pid 1 | longest lock wait 2500 ms > 2000 ms: pid 1
            longest lock wait | ms    | 2000   | 2000 | pid 1 | longest lock wait 2000 ms <= 2000 ms: pid 1
            connection use    |       | 0.955  | 0.9  | 95 of | connection use 0.96 > 0.90: 95 of
            replica behind by | bytes | 10     | 20   |       | replica behind by 10 bytes <= 20 bytes
            """)
    void reasonSaysTheReadingTheThresholdAndWhich(String label, String unit, double value, double threshold,
                                                  String detail, String expected) {
        Measurement m = new Measurement("m", label, unit == null ? "" : unit, value, threshold, detail == null ? "" : detail);

        assertThat(m.reason()).isEqualTo(expected);
        assertThat(m.crossed()).isEqualTo(value > threshold);
    }
}

package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateMeterTest {

    @Test
    void slopeOverTheWindow() {
        RateMeter meter = new RateMeter();
        meter.record(0, 0);
        meter.record(1_000, 500);
        meter.record(2_000, 1_000);
        assertThat(meter.perSecond(2_000)).isEqualTo(500.0);
    }

    @Test
    void forgetsSamplesOlderThanTheWindowSoAStallShowsAsZero() {
        RateMeter meter = new RateMeter();
        meter.record(0, 0);
        meter.record(1_000, 10_000);
        for (long t = 2_000; t <= 10_000; t += 1_000) meter.record(t, 10_000);
        assertThat(meter.perSecond(10_000)).isEqualTo(0.0);
    }

    @Test
    void noRateFromOneSample() {
        RateMeter meter = new RateMeter();
        meter.record(5, 100);
        assertThat(meter.perSecond(5)).isEqualTo(0.0);
    }

    @ParameterizedTest(name = "{0} left at {1}/s -> {2}")
    @CsvSource(nullValues = "none", value = {
            "1000, 500.0, 2000",
            "0,    500.0, 0",
            "-5,   500.0, 0",
            "1000, 0.0,   none",
            "none, 500.0, none",
    })
    void eta(Long remaining, double perSecond, Long expected) {
        assertThat(RateMeter.etaMs(remaining, perSecond)).isEqualTo(expected);
    }
}

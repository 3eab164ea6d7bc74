package dev.zdm.monitor.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * How readily a breaker moves.
 *
 * @param samplesToOpen  N: consecutive unhealthy samples that open a closed breaker (1 opens at once)
 * @param coolDown       how long an open breaker stays open at least, counted from when it opened
 * @param samplesToClose M: consecutive healthy samples in half-open that close it
 */
public record BreakerTiming(int samplesToOpen, Duration coolDown, int samplesToClose) {
    /**
     * Two samples, so one slow sample does not pause a migration; 30 s so a pause outlasts a burst
     * of load; three healthy samples with the pipeline running again before it is trusted.
     */
    public static final BreakerTiming DEFAULT = new BreakerTiming(2, Duration.ofSeconds(30), 3);

    public BreakerTiming {
        Objects.requireNonNull(coolDown, "coolDown");
        new ConfigProblems("monitor.breaker")
                .require(samplesToOpen >= 1, "samplesToOpen", "must be at least 1", samplesToOpen)
                .require(!coolDown.isNegative(), "coolDown", "must not be negative", coolDown)
                .require(samplesToClose >= 1, "samplesToClose", "must be at least 1", samplesToClose)
                .throwIfAny();
    }
}

package dev.zdm.monitor.breaker;

import java.util.Objects;

/**
 * Everything the breakers are configured with, for the service's config record to embed.
 *
 * @param thresholds where readings turn unhealthy
 * @param timing     N samples to open, cool-down, M samples to close
 * @param guard      when zdm counts as the application's blocker, and whether to cancel it
 */
public record BreakerConfig(BreakerThresholds thresholds, BreakerTiming timing, GuardConfig guard) {
    public static final BreakerConfig DEFAULT =
            new BreakerConfig(BreakerThresholds.DEFAULT, BreakerTiming.DEFAULT, GuardConfig.DEFAULT);

    public BreakerConfig {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(guard, "guard");
    }
}

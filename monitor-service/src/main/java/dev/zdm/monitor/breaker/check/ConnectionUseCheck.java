package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.ConnectionReading;
import dev.zdm.monitor.probe.Readings;

import java.util.Optional;

/** Client connections over {@code max_connections} against {@code connectionUseRatio}. */
public final class ConnectionUseCheck implements Check {
    public static final String METRIC = "connection_use_ratio";
    private final double thresholdRatio;

    public ConnectionUseCheck(double thresholdRatio) {
        this.thresholdRatio = thresholdRatio;
    }

    @Override
    public Optional<Measurement> measure(Readings readings) {
        if (thresholdRatio <= 0) {
            return Optional.empty();
        }
        ConnectionReading c = readings.connections();
        return Optional.of(new Measurement(METRIC, "connection use", "", c.useRatio(), thresholdRatio,
                c.used() + " of max_connections " + c.maxConnections()));
    }
}

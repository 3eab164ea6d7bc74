package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.ReplicaLag;
import dev.zdm.monitor.probe.Readings;

import java.util.Comparator;
import java.util.Optional;

/**
 * The replay lag of the most lagging physical replica against {@code replicaLagMs}. Logical
 * consumers are left to {@link RetainedWalCheck}: their lag is WAL kept, not stale reads.
 */
public final class ReplicaLagCheck implements Check {
    public static final String METRIC = "replica_lag_ms";
    private final long thresholdMs;

    public ReplicaLagCheck(long thresholdMs) {
        this.thresholdMs = thresholdMs;
    }

    @Override
    public Optional<Measurement> measure(Readings readings) {
        if (thresholdMs <= 0) {
            return Optional.empty();
        }
        return readings.replication().physical().stream()
                .max(Comparator.comparingLong(ReplicaLag::replayLagMs))
                .map(r -> new Measurement(METRIC, "replica replay lag", "ms", r.replayLagMs(), thresholdMs,
                        "replica '" + r.name() + "' (" + r.state() + ")"));
    }
}

package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.ReplicaLag;
import dev.zdm.monitor.probe.Readings;

import java.util.Comparator;
import java.util.Optional;

/** The WAL bytes the furthest-behind physical replica has not replayed, against {@code replicaLagBytes}. */
public final class ReplicaBytesCheck implements Check {
    public static final String METRIC = "replica_lag_bytes";
    private final long thresholdBytes;

    public ReplicaBytesCheck(long thresholdBytes) {
        this.thresholdBytes = thresholdBytes;
    }

    @Override
    public Optional<Measurement> measure(Readings readings) {
        if (thresholdBytes <= 0) {
            return Optional.empty();
        }
        return readings.replication().physical().stream()
                .max(Comparator.comparingLong(ReplicaLag::bytesBehind))
                .map(r -> new Measurement(METRIC, "replica behind by", "bytes", r.bytesBehind(), thresholdBytes,
                        "replica '" + r.name() + "' (" + r.state() + ")"));
    }
}

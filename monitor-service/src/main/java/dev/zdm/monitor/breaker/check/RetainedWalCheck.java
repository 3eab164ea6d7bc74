package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.Readings;
import dev.zdm.monitor.probe.SlotRetention;

import java.util.Optional;

/** The WAL retained by the largest of zdm's replication slots against {@code retainedWalBytes}. */
public final class RetainedWalCheck implements Check {
    public static final String METRIC = "slot_retained_wal_bytes";
    private final long thresholdBytes;

    public RetainedWalCheck(long thresholdBytes) {
        this.thresholdBytes = thresholdBytes;
    }

    @Override
    public Optional<Measurement> measure(Readings readings) {
        if (thresholdBytes <= 0) {
            return Optional.empty();
        }
        return readings.slots().largest()
                .map(s -> new Measurement(METRIC, "WAL retained by a zdm slot", "bytes", s.retainedBytes(),
                        thresholdBytes, detail(s)));
    }

    private static String detail(SlotRetention slot) {
        return "slot '" + slot.slotName() + "' (" + (slot.active() ? "active, pid " + slot.activePid() : "inactive")
                + (slot.walStatus().isEmpty() ? "" : ", wal_status " + slot.walStatus()) + ")";
    }
}

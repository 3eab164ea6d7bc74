package dev.zdm.monitor.probe;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * WAL retained by each of zdm's replication slots when sampled.
 *
 * @param slots one entry per zdm slot, active or not; empty when zdm holds none; never null
 */
public record SlotRetentionReading(List<SlotRetention> slots) {
    public static final SlotRetentionReading NONE = new SlotRetentionReading(List.of());

    public SlotRetentionReading {
        slots = List.copyOf(slots);
    }

    /** The slot retaining the most WAL, if any. */
    public Optional<SlotRetention> largest() {
        return slots.stream().max(Comparator.comparingLong(SlotRetention::retainedBytes));
    }
}

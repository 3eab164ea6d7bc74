package dev.zdm.monitor.probe;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every session of the target database waiting for a lock when sampled.
 *
 * @param waits the waiting sessions, longest wait first; empty when nobody waits
 */
public record LockWaitReading(List<LockWait> waits) {
    public static final LockWaitReading NONE = new LockWaitReading(List.of());

    public LockWaitReading {
        waits = waits.stream().sorted(Comparator.comparingLong(LockWait::waitMs).reversed()).toList();
    }

    /** The session that has waited longest, if any. */
    public Optional<LockWait> longest() {
        return waits.stream().findFirst();
    }

    /** The longest wait in milliseconds, 0 when nobody waits. */
    public long longestWaitMs() {
        return longest().map(LockWait::waitMs).orElse(0L);
    }

    public int waitingSessions() {
        return waits.size();
    }

    /** Waits of application sessions (not zdm's) behind at least one zdm session, longest first. */
    public List<LockWait> applicationWaitsBehindZdm() {
        return waits.stream().filter(w -> !w.waiter().zdm() && w.blockedByZdm()).toList();
    }
}

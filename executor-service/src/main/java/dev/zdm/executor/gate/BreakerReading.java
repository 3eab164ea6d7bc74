package dev.zdm.executor.gate;

import java.util.Objects;

/**
 * The latest known state of one named breaker.
 *
 * @param name   breaker name, e.g. {@code lock-waits}
 * @param target the database it guards, as named in the monitor's configuration
 * @param state  its state
 * @param reason the monitor's reason for the state (reading, threshold); may be empty, never null
 * @param atMs   when the monitor changed it, epoch milliseconds
 */
public record BreakerReading(String name, String target, BreakerState state, String reason, long atMs) {
    public BreakerReading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    /** {@code breaker lock-waits on db1 OPEN: longest lock wait 2300 ms > 1000 ms}. */
    public String describe() {
        return "breaker " + name + " on " + target + " " + state + (reason.isEmpty() ? "" : ": " + reason);
    }
}

package dev.zdm.monitor.probe;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of every probe for one target database. Pure data; every field is non-null.
 *
 * @param target           the target's configured name
 * @param at               when the sample was started (the sampler's clock)
 * @param locks            sessions waiting on locks
 * @param replication      lag of every walsender
 * @param slots            WAL retained by zdm's slots
 * @param oldestTransaction the oldest open transactions
 * @param connections      connection saturation
 */
public record Readings(String target, Instant at, LockWaitReading locks, ReplicationLagReading replication,
                       SlotRetentionReading slots, OldestTransactionReading oldestTransaction,
                       ConnectionReading connections) {

    public Readings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(oldestTransaction, "oldestTransaction");
        Objects.requireNonNull(connections, "connections");
    }

    /** A sample with nothing to report, for tests and as a starting point: {@code quiet(t, at).withLocks(...)}. */
    public static Readings quiet(String target, Instant at) {
        return new Readings(target, at, LockWaitReading.NONE, ReplicationLagReading.NONE, SlotRetentionReading.NONE,
                OldestTransactionReading.NONE, ConnectionReading.NONE);
    }

    public Readings withLocks(LockWaitReading value) {
        return new Readings(target, at, value, replication, slots, oldestTransaction, connections);
    }

    public Readings withReplication(ReplicationLagReading value) {
        return new Readings(target, at, locks, value, slots, oldestTransaction, connections);
    }

    public Readings withSlots(SlotRetentionReading value) {
        return new Readings(target, at, locks, replication, value, oldestTransaction, connections);
    }

    public Readings withOldestTransaction(OldestTransactionReading value) {
        return new Readings(target, at, locks, replication, slots, value, connections);
    }

    public Readings withConnections(ConnectionReading value) {
        return new Readings(target, at, locks, replication, slots, oldestTransaction, value);
    }
}

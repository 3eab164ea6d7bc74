package dev.zdm.monitor.probe;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds readings for unit tests, with short names. */
public final class ReadingsFixtures {
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    public static final long MIB = 1024L * 1024L;

    private ReadingsFixtures() {
    }

    public static Readings quiet() {
        return Readings.quiet("orders", T0);
    }

    public static Session app(int pid) {
        return new Session(pid, "orders-api", "UPDATE orders SET status = 'paid' WHERE id = 1");
    }

    public static Session zdm(int pid) {
        return new Session(pid, "zdm-executor", "ALTER TABLE orders ADD COLUMN note text");
    }

    public static LockWait waiting(Session waiter, long waitMs, Session... blockers) {
        return new LockWait(waiter, waitMs, "relation", Arrays.asList(blockers));
    }

    public static Readings locks(LockWait... waits) {
        return quiet().withLocks(new LockWaitReading(List.of(waits)));
    }

    public static ReplicaLag physicalReplica(String name, long replayLagMs, long bytesBehind) {
        return new ReplicaLag(name, "10.0.0.2", "streaming", null, false, replayLagMs, replayLagMs, replayLagMs, bytesBehind);
    }

    public static ReplicaLag logicalConsumer(String slot, long replayLagMs, long bytesBehind) {
        return new ReplicaLag("Debezium Streaming", "", "streaming", slot, true, replayLagMs, replayLagMs, replayLagMs, bytesBehind);
    }

    public static Readings replicas(ReplicaLag... replicas) {
        return quiet().withReplication(new ReplicationLagReading(List.of(replicas)));
    }

    public static SlotRetention slot(String name, boolean active, long retainedBytes) {
        return new SlotRetention(name, "logical", active, active ? 77 : null, retainedBytes, "reserved");
    }

    public static Readings slots(SlotRetention... slots) {
        return quiet().withSlots(new SlotRetentionReading(List.of(slots)));
    }

    public static Readings transactions(Long applicationAgeMs, Long zdmAgeMs) {
        return quiet().withOldestTransaction(new OldestTransactionReading(
                Optional.ofNullable(applicationAgeMs).map(age -> new OpenTransaction(app(10), "idle in transaction", age)),
                Optional.ofNullable(zdmAgeMs).map(age -> new OpenTransaction(zdm(20), "active", age))));
    }

    public static Readings connections(int used, int max) {
        return quiet().withConnections(new ConnectionReading(used, max, 3));
    }
}

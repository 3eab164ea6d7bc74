package dev.zdm.monitor.probe;

import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one {@link Readings} into the gauge values it stands for. Durations are exported in
 * seconds and sizes in bytes, Prometheus' base units. Pure.
 */
final class ReadingGauges {
    static final String PREFIX = "zdm.monitor.";
    private static final double MS_PER_SECOND = 1000.0;

    private ReadingGauges() {
    }

    static List<GaugeSample> of(Readings r) {
        List<GaugeSample> out = new ArrayList<>();
        Tags target = Tags.of("target", r.target());
        locks(r.locks(), target, out);
        replication(r.replication(), target, out);
        slots(r.slots(), target, out);
        transactions(r.oldestTransaction(), target, out);
        connections(r.connections(), target, out);
        return out;
    }

    private static void locks(LockWaitReading locks, Tags target, List<GaugeSample> out) {
        out.add(new GaugeSample(PREFIX + "lock.waiting", target, "sessions", locks.waitingSessions()));
        out.add(new GaugeSample(PREFIX + "lock.wait.longest", target, "seconds", locks.longestWaitMs() / MS_PER_SECOND));
        out.add(new GaugeSample(PREFIX + "lock.waiting.behind.zdm", target, "sessions",
                locks.applicationWaitsBehindZdm().size()));
    }

    private static void replication(ReplicationLagReading replication, Tags target, List<GaugeSample> out) {
        for (ReplicaLag replica : replication.replicas()) {
            Tags tags = target.and("replica", replica.name(), "logical", Boolean.toString(replica.logical()));
            out.add(lag(tags, "write", replica.writeLagMs()));
            out.add(lag(tags, "flush", replica.flushLagMs()));
            out.add(lag(tags, "replay", replica.replayLagMs()));
            out.add(new GaugeSample(PREFIX + "replication.behind", tags, "bytes", replica.bytesBehind()));
        }
    }

    private static GaugeSample lag(Tags tags, String kind, long ms) {
        return new GaugeSample(PREFIX + "replication.lag", tags.and("kind", kind), "seconds", ms / MS_PER_SECOND);
    }

    private static void slots(SlotRetentionReading slots, Tags target, List<GaugeSample> out) {
        for (SlotRetention slot : slots.slots()) {
            Tags tags = target.and("slot", slot.slotName());
            out.add(new GaugeSample(PREFIX + "slot.retained.wal", tags, "bytes", slot.retainedBytes()));
            out.add(new GaugeSample(PREFIX + "slot.active", tags, null, slot.active() ? 1 : 0));
        }
    }

    private static void transactions(OldestTransactionReading tx, Tags target, List<GaugeSample> out) {
        out.add(age(target.and("origin", "application"), tx.application()));
        out.add(age(target.and("origin", "zdm"), tx.zdm()));
    }

    private static GaugeSample age(Tags tags, Optional<OpenTransaction> tx) {
        return new GaugeSample(PREFIX + "transaction.oldest.age", tags, "seconds",
                tx.map(OpenTransaction::ageMs).orElse(0L) / MS_PER_SECOND);
    }

    private static void connections(ConnectionReading c, Tags target, List<GaugeSample> out) {
        out.add(new GaugeSample(PREFIX + "connections.used", target, "connections", c.used()));
        out.add(new GaugeSample(PREFIX + "connections.max", target, "connections", c.maxConnections()));
        out.add(new GaugeSample(PREFIX + "connections.usage", target, null, c.useRatio()));
    }
}

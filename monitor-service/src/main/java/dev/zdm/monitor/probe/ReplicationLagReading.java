package dev.zdm.monitor.probe;

import java.util.List;

/**
 * Every walsender of the target's cluster when sampled.
 *
 * @param replicas one entry per walsender, empty when there is none; never null
 */
public record ReplicationLagReading(List<ReplicaLag> replicas) {
    public static final ReplicationLagReading NONE = new ReplicationLagReading(List.of());

    public ReplicationLagReading {
        replicas = List.copyOf(replicas);
    }

    /** The physical replicas only: those the application may read from. */
    public List<ReplicaLag> physical() {
        return replicas.stream().filter(r -> !r.logical()).toList();
    }
}

package dev.zdm.monitor.probe;

import java.util.Objects;

/**
 * How far one walsender's consumer (a physical replica, or a logical consumer) is behind.
 *
 * <p>PostgreSQL shows the lag times as NULL once a replica has caught up and no WAL is being
 * written; they read as 0 here. {@code bytesBehind} is 0 when the replica has not reported a replay
 * position yet.
 *
 * @param name          the replica's {@code application_name} (empty when unset, never null)
 * @param clientAddress its address, empty for a Unix socket (never null)
 * @param state         the walsender state ({@code streaming}, {@code catchup}...)
 * @param slotName      the replication slot it streams from, null when it uses none
 * @param logical       true for a logical-decoding consumer (such as zdm's own CDC), false for a
 *                      physical replica
 * @param writeLagMs    {@code write_lag} in milliseconds
 * @param flushLagMs    {@code flush_lag} in milliseconds
 * @param replayLagMs   {@code replay_lag} in milliseconds
 * @param bytesBehind   {@code pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)}
 */
public record ReplicaLag(String name, String clientAddress, String state, String slotName, boolean logical,
                         long writeLagMs, long flushLagMs, long replayLagMs, long bytesBehind) {

    public ReplicaLag {
        name = Objects.requireNonNullElse(name, "");
        clientAddress = Objects.requireNonNullElse(clientAddress, "");
        state = Objects.requireNonNullElse(state, "");
    }
}

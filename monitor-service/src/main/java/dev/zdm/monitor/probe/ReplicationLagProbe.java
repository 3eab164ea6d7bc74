package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;

import static dev.zdm.monitor.probe.Values.nonNegative;

/**
 * Lag of every walsender from {@code pg_stat_replication}: write, flush and replay lag, and bytes
 * of WAL the consumer has not replayed. Walsenders are joined to {@code pg_replication_slots} to
 * tell logical consumers (CDC) from physical replicas. Needs {@code pg_monitor} (or superuser) to
 * see other roles' walsenders.
 */
public final class ReplicationLagProbe implements Probe<ReplicationLagReading> {
    static final String SQL = """
            SELECT r.application_name, host(r.client_addr) AS client_address, r.state,
                   s.slot_name, coalesce(s.slot_type = 'logical', false) AS logical,
                   (extract(epoch FROM r.write_lag) * 1000)::bigint AS write_lag_ms,
                   (extract(epoch FROM r.flush_lag) * 1000)::bigint AS flush_lag_ms,
                   (extract(epoch FROM r.replay_lag) * 1000)::bigint AS replay_lag_ms,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint AS bytes_behind
              FROM pg_stat_replication r
              LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid
             ORDER BY r.application_name, r.pid""";

    @Override
    public Future<ReplicationLagReading> sample(SqlClient client) {
        return client.query(SQL).execute().map(ReplicationLagProbe::toReading);
    }

    private static ReplicationLagReading toReading(RowSet<Row> rows) {
        List<ReplicaLag> replicas = new ArrayList<>();
        for (Row row : rows) {
            replicas.add(new ReplicaLag(
                    row.getString("application_name"),
                    row.getString("client_address"),
                    row.getString("state"),
                    row.getString("slot_name"),
                    row.getBoolean("logical"),
                    nonNegative(row.getLong("write_lag_ms")),
                    nonNegative(row.getLong("flush_lag_ms")),
                    nonNegative(row.getLong("replay_lag_ms")),
                    nonNegative(row.getLong("bytes_behind"))));
        }
        return new ReplicationLagReading(replicas);
    }
}

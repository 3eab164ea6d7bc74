package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

import static dev.zdm.monitor.probe.Values.nonNegative;

/**
 * WAL retained by each of zdm's replication slots (names starting with {@value #SLOT_PREFIX}),
 * active or not: a slot whose consumer is paused or gone keeps every WAL segment from its
 * {@code restart_lsn} on, until the disk fills. Logical slots of other databases of the same
 * cluster are left to their own target's monitor; physical slots (no database) are included.
 */
public final class SlotRetentionProbe implements Probe<SlotRetentionReading> {
    /** The prefix of every replication slot zdm creates. */
    public static final String SLOT_PREFIX = "zdm_";

    static final String SQL = """
            SELECT slot_name, slot_type, active, active_pid, wal_status,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained_bytes
              FROM pg_replication_slots
             WHERE starts_with(slot_name, $1)
               AND (database IS NULL OR database = current_database())
             ORDER BY slot_name""";

    @Override
    public Future<SlotRetentionReading> sample(SqlClient client) {
        return client.preparedQuery(SQL).execute(Tuple.of(SLOT_PREFIX))
                .map(SlotRetentionProbe::toReading);
    }

    private static SlotRetentionReading toReading(RowSet<Row> rows) {
        List<SlotRetention> slots = new ArrayList<>();
        for (Row row : rows) {
            slots.add(new SlotRetention(
                    row.getString("slot_name"),
                    row.getString("slot_type"),
                    row.getBoolean("active"),
                    row.getInteger("active_pid"),
                    nonNegative(row.getLong("retained_bytes")),
                    row.getString("wal_status")));
        }
        return new SlotRetentionReading(slots);
    }
}

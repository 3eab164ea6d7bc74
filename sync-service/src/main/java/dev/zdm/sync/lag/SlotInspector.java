package dev.zdm.sync.lag;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads zdm's logical replication slots (named {@code zdm_*}) with the WAL each retains, and whether a
 * running migration or a sync recorded as running (in {@code zdm.sync_sessions}, which must exist)
 * owns them. Collects only; the caller decides.
 */
public final class SlotInspector {
    /** Slot names zdm creates start with this; nothing else is ever touched. */
    public static final String SLOT_PREFIX = "zdm_";

    /** One slot's state. {@code owned} is false when its migration is finished or unknown: an orphan. */
    public record SlotState(String name, boolean active, long retainedWalBytes, boolean owned) {
    }

    private SlotInspector() {
    }

    public static Future<List<SlotState>> inspect(Pool pool) {
        return pool.query("SELECT s.slot_name, s.active, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn), 0)::bigint AS retained, "
                        + "EXISTS (SELECT 1 FROM zdm.migrations m WHERE m.status IN ('RUNNING', 'WAITING_DEPLOYMENT', 'ROLLING_BACK', 'PLANNED') "
                        + "AND s.slot_name LIKE 'zdm\\_' || left(regexp_replace(lower(m.migration_id), '[^a-z0-9]', '_', 'g'), 40) || '%') "
                        + "OR EXISTS (SELECT 1 FROM zdm.sync_sessions ss WHERE ss.slot_name = s.slot_name "
                        + "AND ss.state IN ('STARTING', 'COPYING', 'STREAMING')) AS owned "
                        + "FROM pg_replication_slots s WHERE s.slot_name LIKE 'zdm\\_%' ORDER BY s.slot_name").execute()
                .map(rows -> {
                    List<SlotState> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SlotState(r.getString(0), r.getBoolean(1), r.getLong(2), r.getBoolean(3))));
                    return out;
                });
    }

    /** Drops an inactive zdm slot; refuses any slot without the zdm prefix. */
    public static Future<Void> drop(Pool pool, String slot) {
        if (!slot.startsWith(SLOT_PREFIX)) return Future.failedFuture(new IllegalArgumentException("not a zdm slot: " + slot));
        return pool.preparedQuery("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active")
                .execute(io.vertx.sqlclient.Tuple.of(slot)).mapEmpty();
    }
}

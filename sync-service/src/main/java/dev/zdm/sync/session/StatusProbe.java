package dev.zdm.sync.session;

import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.lag.Markers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A session's own small connection for markers and WAL positions: emits a marker (a transactional
 * logical decoding message prefixed with the slot name) and reads how far the WAL, the applier and the
 * slot are. Used by the ticker and by drains; thread-safe.
 */
final class StatusProbe implements AutoCloseable {
    /** WAL figures of one probe, in bytes. */
    record Wal(long currentLsn, long retainedBytes) {
    }

    private final DbTarget db;
    private final String slot;
    private Connection conn;

    StatusProbe(DbTarget db, String slot) {
        this.db = db;
        this.slot = slot;
    }

    /** Emits {@code marker} and returns the WAL figures at that moment. */
    synchronized Wal emit(Markers.Marker marker) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT pg_logical_emit_message(true, ?, ?), "
                + "pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, "
                + "(SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint FROM pg_replication_slots WHERE slot_name = ?)")) {
            ps.setString(1, slot);
            ps.setString(2, marker.content());
            ps.setString(3, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Wal(rs.getLong(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = db.connect("status");
            conn.setAutoCommit(true);
        }
        return conn;
    }

    @Override
    public synchronized void close() {
        if (conn == null) return;
        try {
            conn.close();
        } catch (SQLException ignored) {
            // broken already
        }
        conn = null;
    }
}

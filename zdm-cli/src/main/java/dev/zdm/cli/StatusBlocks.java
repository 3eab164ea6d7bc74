package dev.zdm.cli;

import dev.zdm.cli.follow.MigrationBlock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks {@code zdm watch} draws, read from a target's control schema for migrations run
 * elsewhere: each migration's state, strategy and times from {@code zdm.migrations}, its phases from
 * {@code zdm.migration_phases}, and rows done / total of its batched steps from
 * {@code zdm._migration_progress}. Without {@code migrationId}, the migrations still running and the
 * last {@value #RECENT} that ended.
 */
final class StatusBlocks {
    static final int RECENT = 10;

    private StatusBlocks() {
    }

    static List<MigrationBlock> read(Connection c, String migrationId) throws SQLException {
        String which = migrationId != null ? "WHERE migration_id = ?"
                : "WHERE status NOT IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK', 'REJECTED', 'FAILED') OR migration_id IN "
                + "(SELECT migration_id FROM zdm.migrations ORDER BY requested_at DESC LIMIT " + RECENT + ")";
        Map<String, MigrationBlock> blocks = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT migration_id, status, strategy, coalesce(error_message, ''), requested_at, "
                + "CASE WHEN status IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK', 'REJECTED', 'FAILED') THEN coalesce(completed_at, updated_at) END "
                + "FROM zdm.migrations " + which + " ORDER BY requested_at, migration_id")) {
            if (migrationId != null) ps.setString(1, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MigrationBlock b = new MigrationBlock(rs.getString(1));
                    Timestamp ended = rs.getTimestamp(6);
                    b.restore(rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).getTime(), ended == null ? -1 : ended.getTime());
                    blocks.put(b.migrationId(), b);
                }
            }
        }
        if (blocks.isEmpty()) return List.of();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.migration_id, p.phase_index, p.phase_id, p.name, p.status, "
                + "p.waits_for_service || '@' || p.waits_for_version, greatest(p.rows_affected, coalesce(g.done, 0)), g.total, p.error_message "
                + "FROM zdm.migration_phases p LEFT JOIN LATERAL (SELECT sum(rows_affected) AS done, sum(rows_total) AS total "
                + "FROM zdm._migration_progress m WHERE m.migration_id = p.migration_id AND m.step_id LIKE p.phase_id || '.%') g ON true "
                + "WHERE p.migration_id = ANY (?) ORDER BY p.migration_id, p.phase_index")) {
            ps.setArray(1, c.createArrayOf("text", blocks.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long total = rs.getLong(8);
                    Long known = rs.wasNull() || total <= 0 ? null : total;
                    blocks.get(rs.getString(1)).restorePhase(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getLong(7), known, rs.getString(9));
                }
            }
        }
        return new ArrayList<>(blocks.values());
    }
}

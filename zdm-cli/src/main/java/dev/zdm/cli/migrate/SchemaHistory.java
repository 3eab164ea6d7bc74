package dev.zdm.cli.migrate;

import dev.zdm.cli.folder.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code zdm.schema_history}: the versions of a folder this database has, as {@code zdm migrate} applied (or found) them. */
public final class SchemaHistory {
    static final String RUNNING = "RUNNING";
    static final String APPLIED = "APPLIED";
    static final String FAILED = "FAILED";
    static final String IMPORTED = "IMPORTED";
    static final String REVERTED = "REVERTED";

    /** One version's row; {@code checksum} is SHA-256 of its up SQL, or {@code <tool>:<checksum>} for one imported from the tool's table. */
    public record Row(String version, String description, String tool, String file, String checksum, String migrationId, String strategy,
               String appliedBy, Timestamp startedAt, Timestamp finishedAt, String state, String error) {
    }

    private SchemaHistory() {
    }

    /** The key of a migration in the history: its version, or {@code R__<description>} for a repeatable one. */
    static String key(Migration m) {
        return m.version() != null ? m.version() : "R__" + m.description().replace(' ', '_');
    }

    static Map<String, Row> load(Connection c) throws SQLException {
        Map<String, Row> out = new LinkedHashMap<>();
        try (var rs = c.createStatement().executeQuery("SELECT version, description, tool, file, checksum, migration_id, strategy, applied_by, "
                + "started_at, finished_at, state, error_message FROM zdm.schema_history ORDER BY started_at, version")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9), rs.getTimestamp(10), rs.getString(11), rs.getString(12)));
            }
        }
        return out;
    }

    /** Versions the tool's table has that the history does not, as IMPORTED (applied before zdm); returns how many. */
    static int importFrom(Connection c, ToolTable tool, List<Migration> folder) throws SQLException {
        Map<String, String> applied = tool.applied(c, folder);
        Map<String, Row> known = load(c);
        int n = 0;
        for (Migration m : folder) {
            String key = key(m);
            if (known.containsKey(key)) continue;
            if (!applied.containsKey(key)) continue;
            String toolChecksum = applied.get(key);
            try (var ps = c.prepareStatement("INSERT INTO zdm.schema_history (version, description, tool, file, checksum, applied_by, state, "
                    + "finished_at) VALUES (?, ?, ?, ?, ?, ?, 'IMPORTED', now()) ON CONFLICT (version) DO NOTHING")) {
                ps.setString(1, key);
                ps.setString(2, m.description());
                ps.setString(3, tool.tool());
                ps.setString(4, m.name());
                ps.setString(5, toolChecksum == null ? null : tool.tool() + ":" + toolChecksum);
                ps.setString(6, tool.tool() + " (before zdm)");
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** The version is submitted as {@code migrationId}: RUNNING, with the checksum of the file as it is now. */
    static void start(Connection c, Migration m, String tool, String migrationId) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO zdm.schema_history (version, description, tool, file, checksum, migration_id, state) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'RUNNING') ON CONFLICT (version) DO UPDATE SET description = EXCLUDED.description, "
                + "file = EXCLUDED.file, checksum = EXCLUDED.checksum, migration_id = EXCLUDED.migration_id, state = 'RUNNING', "
                + "started_at = now(), finished_at = NULL, error_message = NULL, applied_by = current_user")) {
            ps.setString(1, key(m));
            ps.setString(2, m.description());
            ps.setString(3, tool);
            ps.setString(4, m.name());
            ps.setString(5, m.checksum());
            ps.setString(6, migrationId);
            ps.executeUpdate();
        }
    }

    static void applied(Connection c, String version, String strategy) throws SQLException {
        end(c, version, APPLIED, strategy, null);
    }

    static void failed(Connection c, String version, String error) throws SQLException {
        end(c, version, FAILED, null, error);
    }

    /** Its down migration ran as {@code migrationId}: pending again. */
    static void reverted(Connection c, String version, String migrationId) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE zdm.schema_history SET state = 'REVERTED', migration_id = ?, finished_at = now(), "
                + "error_message = NULL, applied_by = current_user WHERE version = ?")) {
            ps.setString(1, migrationId);
            ps.setString(2, version);
            ps.executeUpdate();
        }
    }

    /** Its down migration failed: it stays applied, with the reason. */
    static void revertFailed(Connection c, String version, String error) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE zdm.schema_history SET error_message = ? WHERE version = ?")) {
            ps.setString(1, "down: " + error);
            ps.setString(2, version);
            ps.executeUpdate();
        }
    }

    private static void end(Connection c, String version, String state, String strategy, String error) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE zdm.schema_history SET state = ?, strategy = coalesce(?, strategy), error_message = ?, "
                + "finished_at = now() WHERE version = ?")) {
            ps.setString(1, state);
            ps.setString(2, strategy);
            ps.setString(3, error);
            ps.setString(4, version);
            ps.executeUpdate();
        }
    }

    /** The drift of {@code m} against its row: null when the file is as applied (or nothing can tell), else what differs. */
    static String drift(Row row, Migration m, ToolTable tool) {
        if (row.checksum() == null) return null;
        if (tool != null && row.checksum().startsWith(tool.tool() + ":")) {
            String now = tool.checksum(m);
            String then = row.checksum().substring(tool.tool().length() + 1);
            return now == null || now.equals(then) ? null : tool.tool() + " checksum " + then + " when applied, " + now + " now";
        }
        if (row.checksum().contains(":")) return null;
        return row.checksum().equals(m.checksum()) ? null
                : "SHA-256 " + row.checksum().substring(0, 12) + "... when applied, " + m.checksum().substring(0, 12) + "... now";
    }
}

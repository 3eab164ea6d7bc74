package dev.zdm.cli.migrate;

import dev.zdm.cli.folder.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A migration tool's own record of what a database has: zdm reads it (a team starts from what its
 * tool applied) and writes to it as it applies versions (the team can go back to its tool). The
 * table is the tool's, in the schema the connection's {@code search_path} names, created as the tool
 * creates it when there is none.
 */
interface ToolTable {
    /** The tool, as its {@link dev.zdm.cli.folder.MigrationFormat} is named. */
    String tool();

    /** The table's name. */
    String table();

    /**
     * The versions of {@code folder} the table says are applied (a version the folder no longer has is
     * left out), each with the checksum the tool stored for it, as {@link #checksum} computes it (null
     * when the tool stores none). Empty when there is no table.
     */
    Map<String, String> applied(Connection c, java.util.List<Migration> folder) throws SQLException;

    /** Records {@code m} as applied (successfully, in {@code ms}), as the tool would have. */
    void record(Connection c, Migration m, long ms) throws SQLException;

    /**
     * Records that {@code m} was migrated down, as the tool itself would (goose adds a row, golang-migrate
     * moves its version back to {@code previous}, Prisma marks the row rolled back, the others forget
     * the version), so the tool sees it pending again.
     *
     * @param previous the version applied before {@code m}, or null when none is
     */
    void unrecord(Connection c, Migration m, Migration previous) throws SQLException;

    /** The checksum the tool stores for {@code m}, or null when it stores none. */
    String checksum(Migration m);

    /** True when {@code table} exists in the connection's search path. */
    static boolean exists(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}

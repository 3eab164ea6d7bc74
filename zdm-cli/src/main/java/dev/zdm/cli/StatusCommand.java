package dev.zdm.cli;

import dev.zdm.cli.follow.MigrationBlock;
import dev.zdm.cli.follow.Style;
import dev.zdm.cli.follow.Terminal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zdm status}: each migration as the block {@code zdm watch} draws (its phases, rows, the
 * release it waits for), read from the control schema, then breakers, deprecations, flags and
 * replication slots from {@code zdm.v_zero_downtime_status}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print a target database's migrations (running ones and the last " + StatusBlocks.RECENT + " ended, as blocks of phases), "
                + "then its breakers, deprecations, feature flags and replication slots.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    PgOption pg;

    @Option(names = "--migration", description = "only rows of this migration")
    String migrationId;

    @Override
    public Integer call() throws Exception {
        String sql = "SELECT kind, name, status, detail, rows_done, rows_total, to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') "
                + "FROM zdm.v_zero_downtime_status WHERE kind NOT IN ('migration', 'phase', 'progress')"
                + (migrationId == null ? "" : " AND (name = ? OR name LIKE ? || '/%')")
                + " ORDER BY CASE kind WHEN 'breaker' THEN 3 WHEN 'deprecation' THEN 4 ELSE 5 END, updated_at, name";
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "STATUS", "DETAIL", "ROWS", "UPDATED"});
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl())) {
            try (var rs = c.createStatement().executeQuery("SELECT to_regclass('zdm.v_zero_downtime_status') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    System.err.println("zdm status: this database has no zdm control schema yet: no zdm service has run against it");
                    return 1;
                }
            }
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl())) {
            Terminal terminal = Terminal.detect();
            Style style = terminal.interactive() && terminal.colour() ? Style.COLOUR : Style.PLAIN;
            long now = System.currentTimeMillis();
            List<MigrationBlock> blocks = StatusBlocks.read(c, migrationId);
            if (blocks.isEmpty()) System.out.println(migrationId == null ? "no migration yet" : "no migration " + migrationId);
            for (MigrationBlock b : blocks) {
                b.lines(terminal.interactive() ? terminal.columns() : 0, style, now).forEach(System.out::println);
                System.out.println();
            }
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); PreparedStatement ps = c.prepareStatement(sql)) {
            if (migrationId != null) {
                ps.setString(1, migrationId);
                ps.setString(2, migrationId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String done = rs.getString(5);
                    String total = rs.getString(6);
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            done == null ? "" : total == null ? done : done + "/" + total, rs.getString(7)});
                }
            }
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl())) {
            slots(c, rows);
        }
        print(rows);
        return 0;
    }

    /**
     * zdm's replication slots in this database, with the WAL each retains and the migration that holds
     * it. A FAILED migration keeps its slot (a resume needs the changes since it failed); while its sync
     * streams, the WAL is consumed; when the sync is not running, the WAL grows until the migration is
     * resumed, rolled back or cancelled, bounded only by the server's {@code max_slot_wal_keep_size},
     * which the row names (and says when it is unbounded).
     */
    private void slots(Connection c, List<String[]> rows) throws java.sql.SQLException {
        boolean sessions;
        try (var rs = c.createStatement().executeQuery("SELECT to_regclass('zdm.sync_sessions') IS NOT NULL")) {
            rs.next();
            sessions = rs.getBoolean(1);
        }
        String owner = sessions ? "(SELECT ss.migration_id FROM zdm.sync_sessions ss WHERE ss.slot_name = s.slot_name)" : "NULL::text";
        String sql = "SELECT s.slot_name, o.migration_id, m.status, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), "
                + "coalesce(s.restart_lsn, pg_current_wal_lsn()))), to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), s.active, coalesce(s.wal_status, ''), "
                + "current_setting('max_slot_wal_keep_size') "
                + "FROM pg_replication_slots s CROSS JOIN LATERAL (SELECT " + owner + " AS migration_id) o "
                + "LEFT JOIN zdm.migrations m ON m.migration_id = o.migration_id "
                + "WHERE s.database = current_database() AND s.slot_name LIKE 'zdm\\_%' ORDER BY s.slot_name";
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                String migration = rs.getString(2);
                if (migrationId != null && !migrationId.equals(migration)) continue;
                String status = rs.getString(3);
                String retains = "retains " + rs.getString(4) + " of WAL";
                String detail = migration == null ? retains + ", no migration holds it; drop it, or set sync.dropOrphanSlots=true"
                        : retains + " for migration " + migration + ("FAILED".equals(status) ? "; " + failedSlot(rs.getBoolean(6), rs.getString(7), rs.getString(8)) : "");
                rows.add(new String[] {"slot", rs.getString(1), migration == null ? "orphaned" : status, detail, "", rs.getString(5)});
            }
        }
    }

    /** What a FAILED migration's slot costs, and what bounds it. */
    static String failedSlot(boolean active, String walStatus, String maxKeep) {
        if ("lost".equals(walStatus)) {
            return "its WAL was removed (past max_slot_wal_keep_size = " + maxKeep + "): the sync cannot resume; roll the migration back";
        }
        String bound = "-1".equals(maxKeep) ? "unbounded (max_slot_wal_keep_size = -1; set it to cap what a stalled slot keeps)"
                : "bounded by max_slot_wal_keep_size = " + maxKeep + " (past it the slot is lost and only a rollback remains)";
        return (active ? "its sync still streams, so the WAL is consumed" : "its sync is not streaming, so the WAL grows until the migration is "
                + "resumed, rolled back or cancelled") + "; " + bound + "; roll the migration back or cancel it to release it";
    }

    /** Columns in print order: the detail last and never cut, since it says what to do. */
    private static final int[] ORDER = {0, 1, 2, 4, 5, 3};

    private static void print(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i] == null ? 0 : Math.min(r[i].length(), 60));
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < ORDER.length; k++) {
                int i = ORDER[k];
                String cell = r[i] == null ? "" : r[i];
                if (k < ORDER.length - 1) {
                    if (cell.length() > 60) cell = cell.substring(0, 57) + "...";
                    cell = String.format("%-" + (width[i] + 2) + "s", cell);
                }
                line.append(cell);
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}

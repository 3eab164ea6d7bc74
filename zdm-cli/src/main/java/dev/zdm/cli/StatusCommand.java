package dev.zdm.cli;

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

/** {@code zdm status}: migrations, phases, progress, breakers, deprecations and flags from {@code zdm.v_zero_downtime_status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print zdm.v_zero_downtime_status of a target database: migrations, phases, progress, breakers, deprecations, flags.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    PgOption pg;

    @Option(names = "--migration", description = "only rows of this migration")
    String migrationId;

    @Override
    public Integer call() throws Exception {
        String sql = "SELECT kind, name, status, detail, rows_done, rows_total, to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') "
                + "FROM zdm.v_zero_downtime_status" + (migrationId == null ? "" : " WHERE name = ? OR name LIKE ? || '/%'")
                + " ORDER BY CASE kind WHEN 'migration' THEN 0 WHEN 'phase' THEN 1 WHEN 'progress' THEN 2 WHEN 'breaker' THEN 3 "
                + "WHEN 'deprecation' THEN 4 ELSE 5 END, updated_at, name";
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
        print(rows);
        return 0;
    }

    private static void print(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i] == null ? 0 : Math.min(r[i].length(), 60));
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = r[i] == null ? "" : r[i].length() > 60 ? r[i].substring(0, 57) + "..." : r[i];
                line.append(String.format("%-" + (width[i] + 2) + "s", cell));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}

package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code naive-keyset}: what a careful engineer writes by hand, a tight loop of 1,000-row keyset
 * batches over the primary key, each its own (autocommit) transaction, with no pause and no
 * adaptation. Keys are bounded at the start, as zdm bounds them.
 */
final class NaiveKeyset implements Migration {
    /** The batch size the issue names: 1k rows. */
    static final int BATCH_ROWS = 1_000;

    @Override
    public String name() {
        return "naive-keyset";
    }

    @Override
    public MigrationRun run(BenchContext ctx) throws SQLException {
        String t = BenchTable.TABLE;
        String batch = "WITH b AS (SELECT id FROM " + t + " WHERE id > ? AND id <= ? ORDER BY id LIMIT " + BATCH_ROWS + "),"
                + " u AS (UPDATE " + t + " AS t SET " + BenchTable.SET_CLAUSE + " FROM b WHERE t.id = b.id AND t." + BenchTable.PENDING
                + " RETURNING 1)"
                + " SELECT (SELECT max(id) FROM b), (SELECT count(*) FROM u)";
        try (Connection c = DriverManager.getConnection(ctx.jdbcUrl()); PreparedStatement ps = c.prepareStatement(batch)) {
            long deadline = System.nanoTime() + ctx.cap().toNanos();
            long started = System.nanoTime();
            long last = 0;
            long rows = 0;
            long batches = 0;
            while (true) {
                if (System.nanoTime() > deadline) {
                    return new MigrationRun(rows, System.nanoTime() - started, Cap.stopped(ctx), detail(batches));
                }
                ps.setLong(1, last);
                ps.setLong(2, ctx.tableRows());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long upper = rs.getLong(1);
                    if (rs.wasNull()) return new MigrationRun(rows, System.nanoTime() - started, null, detail(batches));
                    rows += rs.getLong(2);
                    last = upper;
                    batches++;
                }
            }
        }
    }

    private static String detail(long batches) {
        return String.format(Locale.ROOT, "%,d batches of %,d", batches, BATCH_ROWS);
    }
}

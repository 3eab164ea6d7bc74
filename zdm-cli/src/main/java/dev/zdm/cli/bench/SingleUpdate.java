package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code single-update}: what a plain migration runner does, one {@code UPDATE} of every row in one
 * transaction. Fastest for the database; every row it has touched stays locked until it commits.
 */
final class SingleUpdate implements Migration {
    @Override
    public String name() {
        return "single-update";
    }

    @Override
    public MigrationRun run(BenchContext ctx) throws SQLException {
        try (Connection c = DriverManager.getConnection(ctx.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = " + ctx.cap().toMillis());
            long started = System.nanoTime();
            try {
                int rows = s.executeUpdate("UPDATE " + BenchTable.TABLE + " SET " + BenchTable.SET_CLAUSE + " WHERE " + BenchTable.PENDING);
                return new MigrationRun(rows, System.nanoTime() - started, null, null);
            } catch (SQLException e) {
                if (!Cap.isStatementTimeout(e)) throw e;
                return new MigrationRun(0, System.nanoTime() - started, Cap.statementTimeout(ctx) + "; rolled back", null);
            }
        }
    }
}

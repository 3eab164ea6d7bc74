package dev.zdm.cli.bench;

import java.sql.SQLException;

/** How a migration that hit the benchmark's time cap says so. */
final class Cap {
    /** SQLSTATE of a statement cancelled by {@code statement_timeout}. */
    private static final String QUERY_CANCELED = "57014";

    private Cap() {
    }

    static boolean isStatementTimeout(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState());
    }

    /** E.g. {@code statement_timeout 300 s}. */
    static String statementTimeout(BenchContext ctx) {
        return "statement_timeout " + ctx.cap().toSeconds() + " s";
    }

    /** E.g. {@code stopped at the 300 s cap}. */
    static String stopped(BenchContext ctx) {
        return "stopped at the " + ctx.cap().toSeconds() + " s cap";
    }
}

package dev.zdm.planner.strategy;

import dev.zdm.domain.sql.Identifiers;
import dev.zdm.domain.sql.TableName;

import static dev.zdm.planner.strategy.SqlText.lit;

/**
 * SQL against zdm's control tables (schema {@code zdm}). The migration id comes from the session
 * setting {@code zdm.migration_id}, which the executor sets for every step it runs.
 */
final class ControlTables {
    static final String SCHEMA = "zdm";
    static final String MIGRATION_ID = "current_setting('zdm.migration_id', true)";

    private ControlTables() {
    }

    /**
     * Records a deprecation once; {@code column} null deprecates the whole table, stored as column
     * {@code ''} (the column is NOT NULL, part of the key).
     */
    static String deprecate(TableName table, String column, int removalDays) {
        return "INSERT INTO zdm._migration_deprecations (table_name, column_name, removal_date, migration_id)\n"
                + "SELECT " + lit(table.toString()) + ", " + lit(columnKey(column)) + ", now() + interval '" + removalDays + " days', " + MIGRATION_ID + "\n"
                + "WHERE NOT EXISTS (SELECT 1 FROM zdm._migration_deprecations WHERE " + where(table, column) + ")";
    }

    static String undeprecate(TableName table, String column) {
        return "DELETE FROM zdm._migration_deprecations WHERE " + where(table, column);
    }

    /** The archive table for a dropped column or table, in the zdm schema, within PostgreSQL's 63-byte names. */
    static String archiveTable(TableName table, String column) {
        String name = "archive_" + table.name() + (column == null ? "" : "__" + column);
        return Identifiers.qualified(SCHEMA, name.length() > 63 ? name.substring(0, 63) : name);
    }

    private static String where(TableName table, String column) {
        return "table_name = " + lit(table.toString()) + " AND column_name = " + lit(columnKey(column));
    }

    private static String columnKey(String column) {
        return column == null ? "" : column;
    }
}

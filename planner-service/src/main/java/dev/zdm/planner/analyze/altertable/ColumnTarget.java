package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.SqlTokens;

/** Reads the {@code ALTER [COLUMN] name} prefix shared by the column subcommands. */
final class ColumnTarget {
    private ColumnTarget() {
    }

    /** The column name, or null (cursor unchanged in meaning) when the subcommand is not ALTER COLUMN. */
    static String read(SqlTokens sub) {
        if (!sub.accept("alter")) return null;
        if (sub.peekWords("constraint")) return null;
        sub.accept("column");
        return sub.name();
    }
}

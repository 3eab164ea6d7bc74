package dev.zdm.planner.parse;

import java.util.Objects;

/**
 * One statement of a migration file.
 *
 * @param index    position in the file, from 0
 * @param sql      the statement's text without its terminating semicolon, leading comments dropped
 * @param position where its first character is in the file
 * @param metadata the options of the last {@code -- @metadata} comment before it, or {@link Metadata#NONE}
 */
public record ParsedStatement(int index, String sql, SourcePosition position, Metadata metadata) {
    public ParsedStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A statement with no file around it (tests, statements found inside a DO body). */
    public static ParsedStatement of(int index, String sql) {
        return new ParsedStatement(index, sql, new SourcePosition("<input>", 1, 1), Metadata.NONE);
    }
}

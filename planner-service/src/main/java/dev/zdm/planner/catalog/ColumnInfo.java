package dev.zdm.planner.catalog;

import java.util.Objects;

/**
 * A column of a live table.
 *
 * @param name              the column name
 * @param type              its type as {@code format_type()} prints it, e.g. {@code character varying(255)}
 * @param notNull           whether it has a NOT NULL constraint
 * @param defaultExpression its default as SQL, or null
 * @param sequence          the sequence it draws from (serial or identity), or null
 * @param comment           its comment, or null
 */
public record ColumnInfo(String name, String type, boolean notNull, String defaultExpression, String sequence, String comment) {
    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A column without a comment. */
    public ColumnInfo(String name, String type, boolean notNull, String defaultExpression, String sequence) {
        this(name, type, notNull, defaultExpression, sequence, null);
    }

    /** A plain nullable column without default. */
    public static ColumnInfo of(String name, String type) {
        return new ColumnInfo(name, type, false, null, null);
    }
}

package dev.zdm.planner.catalog;

import java.util.List;
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
 * @param grants            privileges granted on the column itself (not the table's)
 */
public record ColumnInfo(String name, String type, boolean notNull, String defaultExpression, String sequence, String comment,
                         List<Grant> grants) {
    /** A column privilege: {@code privilege} ({@code SELECT}, {@code UPDATE}...) to role {@code grantee}, or to PUBLIC when null. */
    public record Grant(String privilege, String grantee) {
        public Grant {
            Objects.requireNonNull(privilege, "privilege");
        }
    }

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** A column without a comment or column privileges. */
    public ColumnInfo(String name, String type, boolean notNull, String defaultExpression, String sequence) {
        this(name, type, notNull, defaultExpression, sequence, null, List.of());
    }

    /** A column without column privileges. */
    public ColumnInfo(String name, String type, boolean notNull, String defaultExpression, String sequence, String comment) {
        this(name, type, notNull, defaultExpression, sequence, comment, List.of());
    }

    /** A plain nullable column without default. */
    public static ColumnInfo of(String name, String type) {
        return new ColumnInfo(name, type, false, null, null);
    }
}

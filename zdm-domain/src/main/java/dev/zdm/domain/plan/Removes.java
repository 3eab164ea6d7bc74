package dev.zdm.domain.plan;

import dev.zdm.domain.sql.TableName;
import java.util.Objects;

/**
 * The object an undo step removes (a column, table, index, constraint or trigger). The executor notes,
 * before a phase first runs, whether each such object already existed; on rollback an undo step runs
 * only when its object did not exist before the migration, so an undo removes only what the migration
 * made ({@code ADD COLUMN IF NOT EXISTS} on a column that was there must not drop it and its values).
 *
 * @param table the table holding it; for {@link Kind#TABLE} the relation itself, for {@link Kind#INDEX}
 *              the index (its schema and name)
 * @param name  the column, constraint or trigger name; null for a table or an index
 */
public record Removes(Kind kind, TableName table, String name) {
    /** What kind of object. */
    public enum Kind { TABLE, COLUMN, INDEX, CONSTRAINT, TRIGGER }

    public Removes {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        boolean named = kind == Kind.COLUMN || kind == Kind.CONSTRAINT || kind == Kind.TRIGGER;
        if (named == (name == null)) throw new IllegalArgumentException(kind + " " + (named ? "needs" : "takes no") + " name");
    }

    public static Removes table(TableName table) {
        return new Removes(Kind.TABLE, table, null);
    }

    public static Removes column(TableName table, String column) {
        return new Removes(Kind.COLUMN, table, column);
    }

    public static Removes index(TableName index) {
        return new Removes(Kind.INDEX, index, null);
    }

    public static Removes constraint(TableName table, String constraint) {
        return new Removes(Kind.CONSTRAINT, table, constraint);
    }

    public static Removes trigger(TableName table, String trigger) {
        return new Removes(Kind.TRIGGER, table, trigger);
    }

    /** For people: {@code column "Email" of public."Twin"}. */
    public String describe() {
        String what = kind.name().toLowerCase();
        return name == null ? what + " " + table.qualified() : what + " " + dev.zdm.domain.sql.Identifiers.quote(name) + " of " + table.qualified();
    }
}

package dev.zdm.planner.catalog;

import dev.zdm.domain.sql.Identifiers;

import java.util.Objects;

/**
 * A table's name as PostgreSQL resolves it: an unquoted name is folded to lower case by the caller;
 * a missing schema means {@code public} (zdm assumes the default search_path).
 */
public record TableName(String schema, String name) implements Comparable<TableName> {
    public static final String DEFAULT_SCHEMA = "public";

    public TableName {
        schema = schema == null ? DEFAULT_SCHEMA : schema;
        Objects.requireNonNull(name, "name");
    }

    /** {@code name} in the default schema. */
    public static TableName of(String name) {
        return new TableName(null, name);
    }

    /** {@code schema.name} or {@code name} as written (unquoted), e.g. a {@link Dependent#owner()}. */
    public static TableName parse(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? of(qualified) : new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** The name as SQL: quoted where needed, the schema left out when it is {@code public}. */
    public String sql() {
        return DEFAULT_SCHEMA.equals(schema) ? Identifiers.quote(name) : Identifiers.qualified(schema, name);
    }

    /** The same schema, another name (for {@code users_green}, {@code users_old}). */
    public TableName withName(String other) {
        return new TableName(schema, other);
    }

    @Override
    public int compareTo(TableName o) {
        int bySchema = schema.compareTo(o.schema);
        return bySchema != 0 ? bySchema : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return DEFAULT_SCHEMA.equals(schema) ? name : schema + "." + name;
    }
}

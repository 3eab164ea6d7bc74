package dev.zdm.domain.sql;

import java.util.Objects;

/**
 * A relation's name exactly as PostgreSQL stores it in {@code pg_namespace.nspname} and
 * {@code pg_class.relname}: the one qualified-name type every service speaks. It is made once, from
 * the parser's tokens (unquoted folded to lower case, quoted kept) or from the catalog, carried
 * structured in events (never as {@code schema.name} text, which a dot or quote in a name breaks),
 * and quoted only where SQL is written, through {@link Identifiers}.
 *
 * <p>A missing schema means {@code public}: zdm assumes the default search_path.
 */
public record TableName(String schema, String name) implements Comparable<TableName> {
    public static final String DEFAULT_SCHEMA = "public";

    public TableName {
        schema = schema == null ? DEFAULT_SCHEMA : schema;
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || schema.isEmpty()) throw new IllegalArgumentException("empty name part in " + schema + "." + name);
    }

    /** {@code name} in the default schema. */
    public static TableName of(String name) {
        return new TableName(null, name);
    }

    /** The name as SQL: quoted where needed, the schema left out when it is {@code public}. */
    public String sql() {
        return DEFAULT_SCHEMA.equals(schema) ? Identifiers.quote(name) : Identifiers.qualified(schema, name);
    }

    /**
     * The name as SQL, always schema-qualified and quoted where needed: for SQL zdm runs itself, whose
     * meaning must not depend on the session's search_path, and for {@code to_regclass}, which parses
     * exactly this form back to these two parts.
     */
    public String qualified() {
        return Identifiers.qualified(schema, name);
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

    /** For people: {@code name} in {@code public}, else {@code schema.name}, unquoted; never parsed back. */
    @Override
    public String toString() {
        return DEFAULT_SCHEMA.equals(schema) ? name : schema + "." + name;
    }
}

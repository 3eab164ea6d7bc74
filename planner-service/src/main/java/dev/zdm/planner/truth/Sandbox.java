package dev.zdm.planner.truth;

import dev.zdm.domain.sql.Identifiers;

import java.util.List;
import java.util.Objects;

/**
 * Where {@link LockObserver} runs statements: every table, partitioned table, view and materialized
 * view of {@code schemas} is watched, and statements run with {@code search_path} set to
 * {@code searchPath}. Throwaway, because a statement that cannot run in a transaction block is run
 * for real in it.
 *
 * <p>Relations are reported by {@link #key}: the bare name for a relation of {@code defaultSchema}
 * (the schema the analyzer resolves unqualified names to), {@code schema.name} for the others, as
 * {@link dev.zdm.domain.sql.TableName#toString} prints the analyzer's tables.
 *
 * @param schemas       the watched schemas, as stored in {@code pg_namespace} (not quoted)
 * @param searchPath    the {@code search_path} value statements run with
 * @param defaultSchema the schema whose relations are reported by bare name
 */
public record Sandbox(List<String> schemas, String searchPath, String defaultSchema) {
    public Sandbox {
        schemas = List.copyOf(schemas);
        Objects.requireNonNull(searchPath, "searchPath");
        Objects.requireNonNull(defaultSchema, "defaultSchema");
        if (schemas.isEmpty()) throw new IllegalArgumentException("a sandbox needs a schema");
    }

    /** One throwaway schema standing in for {@code public}: statements resolve names there alone. */
    public static Sandbox ofSchema(String schema) {
        return new Sandbox(List.of(schema), Identifiers.quote(schema), schema);
    }

    /** How a relation of the sandbox is named in observations. */
    String key(String schema, String name) {
        return defaultSchema.equals(schema) ? name : schema + "." + name;
    }

    @Override
    public String toString() {
        return String.join(", ", schemas);
    }
}

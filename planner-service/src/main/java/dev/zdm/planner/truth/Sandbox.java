package dev.zdm.planner.truth;

import java.util.Objects;

/**
 * A schema of throwaway tables in which {@link LockObserver} runs statements: they run with
 * {@code search_path} set to this schema alone, and every table, partitioned table, view and
 * materialized view of the schema is watched. Throwaway because a statement that cannot run in a
 * transaction block is run for real in it.
 *
 * @param schema the schema's name as stored in {@code pg_namespace} (not quoted)
 */
public record Sandbox(String schema) {
    public Sandbox {
        Objects.requireNonNull(schema, "schema");
    }
}

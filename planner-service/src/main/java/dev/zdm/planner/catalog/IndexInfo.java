package dev.zdm.planner.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An index of a live table.
 *
 * @param name       index name
 * @param bytes      its size on disk
 * @param unique     whether it is unique
 * @param valid      false for an INVALID index left by a failed {@code CREATE INDEX CONCURRENTLY}
 * @param definition {@code pg_get_indexdef()}, or null when unknown
 * @param columns    the plain columns it indexes, in order; empty when it has an expression or a
 *                   predicate (or is not known), so such an index never passes for a row key
 */
public record IndexInfo(String name, long bytes, boolean unique, boolean valid, String definition, List<String> columns) {
    public IndexInfo {
        Objects.requireNonNull(name, "name");
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}

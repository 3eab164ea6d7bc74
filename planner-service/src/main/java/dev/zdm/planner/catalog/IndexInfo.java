package dev.zdm.planner.catalog;

import java.util.Objects;

/**
 * An index of a live table.
 *
 * @param name       index name
 * @param bytes      its size on disk
 * @param unique     whether it is unique
 * @param valid      false for an INVALID index left by a failed {@code CREATE INDEX CONCURRENTLY}
 * @param definition {@code pg_get_indexdef()}, or null when unknown
 */
public record IndexInfo(String name, long bytes, boolean unique, boolean valid, String definition) {
    public IndexInfo {
        Objects.requireNonNull(name, "name");
    }
}

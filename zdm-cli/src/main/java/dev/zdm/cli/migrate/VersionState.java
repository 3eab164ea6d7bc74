package dev.zdm.cli.migrate;

import dev.zdm.cli.folder.Migration;

/**
 * One version as {@code zdm migrate status} tells it.
 *
 * @param key       the version (or {@code R__<description>})
 * @param migration its file's migration, or null when the history has it and the folder no longer does
 * @param row       its history row, or null when it never ran
 * @param drift     what changed in its file since it was applied, or null
 */
public record VersionState(String key, Migration migration, SchemaHistory.Row row, String drift) {
    static VersionState of(String key, Migration m, SchemaHistory.Row row, String drift) {
        return new VersionState(key, m, row, drift);
    }

    /** True when the database has it (applied by zdm, or by the tool before). */
    public boolean applied() {
        return row != null && (SchemaHistory.APPLIED.equals(row.state()) || SchemaHistory.IMPORTED.equals(row.state()));
    }

    /** applied, pending, running, failed, drift, or missing (applied, and its file is gone from the folder). */
    public String state() {
        if (migration == null) return applied() ? "missing" : row.state().toLowerCase(java.util.Locale.ROOT) + ", no file";
        if (drift != null) return migration.repeatable() ? "pending" : "drift";
        if (row == null) return "pending";
        return switch (row.state()) {
            case SchemaHistory.APPLIED, SchemaHistory.IMPORTED -> "applied";
            case SchemaHistory.RUNNING -> "running";
            case SchemaHistory.FAILED -> "failed";
            case SchemaHistory.REVERTED -> "pending";
            default -> row.state().toLowerCase(java.util.Locale.ROOT);
        };
    }
}

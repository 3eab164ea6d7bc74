package dev.zdm.sync.session;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.SyncMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a START asks for: keep {@code targetTable} in step with {@code sourceTable} through
 * {@code mapping}; {@code reverseMapping} is used after REVERSE (dual-write) or SWITCH (blue-green).
 *
 * @param mapping        target column to SQL expression over source columns
 * @param reverseMapping source column to SQL expression over target columns; may be empty when no
 *                       reverse is planned
 */
public record SyncSpec(String migrationId, String target, SyncMode mode, TableName sourceTable, TableName targetTable,
                       List<String> keyColumns, Map<String, String> mapping, Map<String, String> reverseMapping) {
    public SyncSpec {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sourceTable, "sourceTable");
        Objects.requireNonNull(targetTable, "targetTable");
        keyColumns = List.copyOf(keyColumns);
        mapping = Map.copyOf(mapping);
        reverseMapping = Map.copyOf(reverseMapping);
    }

    /** True when {@code other} asks for the same sync (a re-delivered or repeated START). */
    public boolean sameSync(SyncSpec other) {
        return mode == other.mode && sourceTable.equals(other.sourceTable) && targetTable.equals(other.targetTable)
                && keyColumns.equals(other.keyColumns) && mapping.equals(other.mapping);
    }
}

package dev.zdm.sync.apply;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.sync.db.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One direction of a sync, checked against the catalog: changes captured on {@code source} are applied
 * to {@code target} through {@code mapping}. Immutable; a REVERSE or a SWITCH replaces the link.
 *
 * @param keyColumns the key naming a row in both tables
 * @param mapping    target column to SQL expression over source columns, in target column order
 * @param watched    the source columns the expressions read: a dual-write update that changes none of
 *                   them (e.g. zdm's own echo) needs no apply
 */
public record Link(SyncMode mode, TableInfo source, TableInfo target, List<String> keyColumns, Map<String, String> mapping, Set<String> watched) {
    public Link {
        keyColumns = List.copyOf(keyColumns);
        mapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        watched = Set.copyOf(watched);
    }

    /**
     * Checks {@code keyColumns} and {@code mapping} against both tables and builds the link.
     *
     * @throws ZdmException {@code INVALID_REQUEST} saying what does not fit
     */
    public static Link of(SyncMode mode, TableInfo source, TableInfo target, List<String> keyColumns, Map<String, String> mapping) {
        List<String> problems = new ArrayList<>();
        if (keyColumns.isEmpty()) problems.add("no key columns given");
        for (String key : keyColumns) {
            var column = source.column(key);
            if (column.isEmpty()) problems.add("key column " + key + " is not a column of " + source.displayName());
            else if (!KeyCodec.supports(column.get().typeName())) {
                problems.add("key column " + key + " has type " + column.get().type() + "; supported key types: " + KeyCodec.SUPPORTED);
            }
            if (target.column(key).isEmpty()) problems.add("key column " + key + " is not a column of " + target.displayName());
        }
        if (mapping.isEmpty()) problems.add("the mapping is empty");
        for (String column : mapping.keySet()) {
            if (target.column(column).isEmpty()) problems.add("mapped column " + column + " is not a column of " + target.displayName());
        }
        if (mode == SyncMode.DUAL_WRITE) {
            if (source.oid() != target.oid()) problems.add("dual-write syncs columns of one table, got " + source.displayName() + " and " + target.displayName());
            for (String key : keyColumns) if (mapping.containsKey(key)) problems.add("dual-write cannot map onto key column " + key);
        } else {
            if (source.oid() == target.oid()) problems.add("blue-green needs two tables, got " + source.displayName() + " twice");
            for (String key : keyColumns) if (!mapping.containsKey(key)) problems.add("blue-green mapping must give key column " + key);
            if (!target.hasUniqueKey(keyColumns)) problems.add(target.displayName() + " has no unique index on " + keyColumns + " to upsert by");
        }
        if (!problems.isEmpty()) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "sync " + source.displayName() + " -> " + target.displayName() + ": "
                    + String.join("; ", problems), source.displayName());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String column : target.columns().keySet()) if (mapping.containsKey(column)) ordered.put(column, mapping.get(column));
        Set<String> watched = new LinkedHashSet<>();
        for (String expression : ordered.values()) watched.addAll(ExpressionColumns.referenced(expression, source.columns().keySet()));
        return new Link(mode, source, target, keyColumns, ordered, watched);
    }

    /** The base type name of each key column, for {@link KeyCodec}. */
    public List<String> keyTypeNames() {
        return keyColumns.stream().map(k -> source.columns().get(k).typeName()).toList();
    }

    /** The declared type of each key column, for casts. */
    public List<String> keyTypes() {
        return keyColumns.stream().map(k -> source.columns().get(k).type()).toList();
    }

    /** The type of target column {@code column}, for the assignment cast of its expression. */
    public String targetType(String column) {
        return target.columns().get(column).type();
    }

    /** One line for logs. */
    public String describe() {
        return mode + " " + source.displayName() + " -> " + target.displayName() + " " + mapping.keySet();
    }
}

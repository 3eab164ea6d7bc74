package dev.zdm.sync.db;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.sql.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sync needs to know about one table, read from the catalog at one moment.
 *
 * @param oid              the table's OID; renames keep it, so it identifies the table across a switch
 * @param columns          column name to column, in table order
 * @param primaryKey       the primary key's columns in key order, empty when there is none
 * @param uniqueKeys       the column lists of every valid, non-partial unique index without expressions
 * @param replicaIdentity  {@code d} (default: the primary key), {@code n} (nothing), {@code f} (full) or {@code i} (an index)
 * @param identityIndex    the index named by {@code REPLICA IDENTITY USING INDEX}, or null
 */
public record TableInfo(long oid, String schema, String name, Map<String, Column> columns, List<String> primaryKey,
                        List<List<String>> uniqueKeys, char replicaIdentity, String identityIndex, List<String> identityIndexColumns) {

    /** One column: its name, its type as {@code format_type} prints it (e.g. {@code numeric(12,2)}) and its base type name. */
    public record Column(String name, String type, String typeName) {
    }

    public TableInfo {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = List.copyOf(uniqueKeys);
        identityIndexColumns = List.copyOf(identityIndexColumns);
    }

    /** {@code schema.name}, each part quoted as needed: for SQL. */
    public String qualified() {
        return Identifiers.qualified(schema, name);
    }

    /** The exact name, as events carry it. */
    public TableName tableName() {
        return new TableName(schema, name);
    }

    /** {@code schema.name} unquoted: as Debezium's include list and log lines name it; never parsed back. */
    public String displayName() {
        return schema + "." + name;
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** The columns whose old values pgoutput sends for an UPDATE or DELETE under the current replica identity. */
    public List<String> identityColumns() {
        return switch (replicaIdentity) {
            case 'f' -> List.copyOf(columns.keySet());
            case 'i' -> identityIndexColumns;
            case 'd' -> primaryKey;
            default -> List.of();
        };
    }

    /** True when some unique index covers exactly {@code keyColumns} (in any order): upserts by that key are possible. */
    public boolean hasUniqueKey(List<String> keyColumns) {
        return uniqueKeys.stream().anyMatch(k -> k.size() == keyColumns.size() && k.containsAll(keyColumns));
    }

    /** The {@code ALTER TABLE ... REPLICA IDENTITY ...} clause that restores the identity read here. */
    public String identityClause() {
        return switch (replicaIdentity) {
            case 'f' -> "FULL";
            case 'n' -> "NOTHING";
            case 'i' -> "USING INDEX " + Identifiers.quote(identityIndex);
            default -> "DEFAULT";
        };
    }
}

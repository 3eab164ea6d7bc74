package dev.zdm.planner.catalog;

import dev.zdm.domain.sql.TableName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's read-only view of the target database's catalog. Implementations must be safe to
 * call from one thread at a time; answers are a snapshot (they do not change while one migration
 * is analyzed).
 */
public interface Catalog {

    /** What is known about {@code table}; empty when the table does not exist or nothing is known. */
    Optional<TableStats> table(TableName table);

    /** The table an index belongs to; empty when unknown. */
    Optional<TableName> tableOfIndex(String schema, String indexName);

    /**
     * True when the catalog lists every table of the database (it was read from it), so a table it does
     * not know does not exist; false for a partial or empty catalog (no database given), where such a
     * table may well exist.
     */
    default boolean complete() {
        return false;
    }

    /**
     * The rows PostgreSQL's planner expects {@code sql} (an UPDATE or DELETE of the migration) to touch,
     * from {@code EXPLAIN} without ANALYZE; empty when not explained.
     */
    default java.util.OptionalLong rowsAffected(String sql) {
        return java.util.OptionalLong.empty();
    }

    /** {@code base} answering {@link #rowsAffected} from {@code rows} (statement text to planned rows). */
    static Catalog withRowsAffected(Catalog base, java.util.Map<String, Long> rows) {
        return new Decorated(base, base.complete(), java.util.Map.copyOf(rows));
    }

    /** The catalog read from a database: it knows every table there is. */
    static Catalog complete(Collection<TableStats> tables) {
        return new Decorated(of(tables), true, java.util.Map.of());
    }

    /** A catalog's tables with what they do not hold themselves: completeness and planned row counts. */
    record Decorated(Catalog base, boolean complete, java.util.Map<String, Long> rows) implements Catalog {
        @Override
        public Optional<TableStats> table(TableName table) {
            return base.table(table);
        }

        @Override
        public Optional<TableName> tableOfIndex(String schema, String indexName) {
            return base.tableOfIndex(schema, indexName);
        }

        @Override
        public java.util.OptionalLong rowsAffected(String sql) {
            Long n = rows.get(sql);
            return n == null ? base.rowsAffected(sql) : java.util.OptionalLong.of(n);
        }
    }

    /** A catalog that knows nothing: every estimate becomes a guess. */
    static Catalog empty() {
        return of(List.of());
    }

    /** A catalog holding exactly {@code tables}. */
    static Catalog of(Collection<TableStats> tables) {
        Map<TableName, TableStats> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.tableName(), t));
        return new Catalog() {
            @Override
            public Optional<TableStats> table(TableName table) {
                return Optional.ofNullable(byName.get(table));
            }

            @Override
            public Optional<TableName> tableOfIndex(String schema, String indexName) {
                String s = schema == null ? TableName.DEFAULT_SCHEMA : schema;
                return byName.values().stream().filter(t -> t.schema().equals(s))
                        .filter(t -> t.indexes().stream().anyMatch(i -> i.name().equals(indexName)))
                        .map(TableStats::tableName).findFirst();
            }
        };
    }
}

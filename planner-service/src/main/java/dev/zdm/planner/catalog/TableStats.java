package dev.zdm.planner.catalog;

import dev.zdm.domain.sql.TableName;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the catalog says about one table.
 *
 * @param schema        schema name
 * @param name          table name
 * @param reltuples     {@code pg_class.reltuples}; -1 when never vacuumed or analyzed
 * @param relationBytes {@code pg_table_size()} (heap and TOAST, without indexes)
 * @param columns       its columns in order
 * @param indexes       its indexes
 * @param constraints   its constraints
 * @param dependents    objects elsewhere that refer to it (incoming foreign keys, views...)
 */
public record TableStats(String schema, String name, double reltuples, long relationBytes, List<ColumnInfo> columns,
                         List<IndexInfo> indexes, List<ConstraintInfo> constraints, List<Dependent> dependents) {

    public TableStats {
        Objects.requireNonNull(name, "name");
        schema = schema == null ? TableName.DEFAULT_SCHEMA : schema;
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
        dependents = List.copyOf(dependents);
    }

    /** A table known only by name and size, e.g. for estimates. */
    public static TableStats sized(String schema, String name, double reltuples, long relationBytes) {
        return new TableStats(schema, name, reltuples, relationBytes, List.of(), List.of(), List.of(), List.of());
    }

    public TableName tableName() {
        return new TableName(schema, name);
    }

    /** True when {@code reltuples} is unknown (-1): the table was never vacuumed or analyzed. */
    public boolean neverAnalyzed() {
        return reltuples < 0;
    }

    /** Total size of the table's indexes. */
    public long indexBytes() {
        return indexes.stream().mapToLong(IndexInfo::bytes).sum();
    }

    public Optional<ColumnInfo> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /**
     * True when a validated {@code CHECK (column IS NOT NULL)} exists: PostgreSQL 12+ then skips the
     * full-table scan of {@code SET NOT NULL}.
     */
    public boolean hasValidatedNotNullCheck(String column) {
        Pattern isNotNull = Pattern.compile("^check\\s*\\(+\\s*\"?" + Pattern.quote(column.toLowerCase(Locale.ROOT))
                + "\"?\\s+is\\s+not\\s+null\\s*\\)+$");
        return constraints.stream().anyMatch(c -> c.type() == ConstraintInfo.Type.CHECK && c.validated()
                && isNotNull.matcher(c.definition().toLowerCase(Locale.ROOT).strip()).matches());
    }

    /**
     * The columns that name a row: the primary key, else the smallest valid unique index without
     * expression or predicate whose columns are all NOT NULL (ties by name); empty when there is none.
     * The same rule PostgreSQL applies to {@code REPLICA IDENTITY USING INDEX}.
     */
    public List<String> rowKey() {
        List<String> pk = primaryKey();
        if (!pk.isEmpty()) return pk;
        return indexes.stream()
                .filter(i -> i.unique() && i.valid() && !i.columns().isEmpty())
                .filter(i -> i.columns().stream().allMatch(c -> column(c).map(ColumnInfo::notNull).orElse(false)))
                .min(java.util.Comparator.comparingInt((IndexInfo i) -> i.columns().size()).thenComparing(IndexInfo::name))
                .map(IndexInfo::columns).orElse(List.of());
    }

    /** The columns of the primary key, in order, or an empty list. */
    public List<String> primaryKey() {
        return constraints.stream().filter(c -> c.type() == ConstraintInfo.Type.PRIMARY_KEY).findFirst()
                .map(c -> KeyColumns.of(c.definition())).orElse(List.of());
    }
}

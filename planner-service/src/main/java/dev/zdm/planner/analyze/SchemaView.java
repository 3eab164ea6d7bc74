package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.planner.catalog.IndexInfo;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The schema as it will be at a given statement of a migration: the live catalog with the changes
 * of the earlier statements applied on top ({@link #apply}). Tables created by the migration itself
 * are new: no application uses them yet, so locks on them block nobody. Not thread-safe; one per
 * analysis.
 */
public final class SchemaView implements Catalog {
    private final Catalog base;
    private final Map<TableName, TableStats> changed = new HashMap<>();
    private final Set<TableName> created = new HashSet<>();
    private final Set<TableName> dropped = new HashSet<>();
    private final Map<TableName, List<TableName>> viewSources = new HashMap<>();
    /** Columns this migration gave a default, also on tables the catalog does not know. */
    private final Set<String> defaultsSet = new HashSet<>();

    private final SchemaView parent;

    /** A view over {@code base}; when {@code base} is itself a view, this one is a scratch layer on top of it. */
    public SchemaView(Catalog base) {
        this.base = base == null ? Catalog.empty() : base;
        this.parent = base instanceof SchemaView v ? v : null;
    }

    @Override
    public Optional<TableStats> table(TableName table) {
        if (dropped.contains(table)) return Optional.empty();
        TableStats mine = changed.get(table);
        return mine != null ? Optional.of(mine) : base.table(table);
    }

    @Override
    public Optional<TableName> tableOfIndex(String schema, String indexName) {
        String s = schema == null ? TableName.DEFAULT_SCHEMA : schema;
        Optional<TableName> mine = changed.values().stream().filter(t -> t.schema().equals(s))
                .filter(t -> t.indexes().stream().anyMatch(i -> i.name().equals(indexName)))
                .map(TableStats::tableName).findFirst();
        return mine.isPresent() ? mine : base.tableOfIndex(schema, indexName);
    }

    @Override
    public boolean complete() {
        return base.complete();
    }

    @Override
    public java.util.OptionalLong rowsAffected(String sql) {
        return base.rowsAffected(sql);
    }

    /** The tables a view created by this migration (or its setup) reads; empty when unknown. */
    public List<TableName> viewSources(TableName view) {
        List<TableName> mine = viewSources.get(view);
        return mine != null ? mine : parent != null ? parent.viewSources(view) : List.of();
    }

    /** True when the migration itself created {@code table} earlier: nobody else uses it yet. */
    public boolean isNew(TableName table) {
        return created.contains(table) || (parent != null && parent.isNew(table));
    }

    /** True when {@code column} of {@code table} has a default: in the catalog, or set earlier in this migration. */
    public boolean hasDefault(TableName table, String column) {
        if (defaultsSet.contains(table + "." + column) || parent != null && parent.hasDefault(table, column)) return true;
        return table(table).flatMap(s -> s.column(column)).map(c -> c.defaultExpression() != null).orElse(false);
    }

    /** True when the live catalog knows the table (it has statistics to estimate with). */
    public boolean isKnown(TableName table) {
        return table(table).isPresent();
    }

    /** Applies what a statement did, so the statements after it see the schema as it will be. */
    public void apply(Change change) {
        TableName t = change.table();
        if (t == null) return;
        if (change instanceof Change.CreateTable c) {
            if (c.ifNotExists() && table(t).isPresent()) return;
            if (c.ifNotExists() && !complete()) {
                // No catalog says the table is absent: it may well exist, in use and of any size. Judge it so.
                return;
            }
            created.add(t);
            dropped.remove(t);
            changed.put(t, new TableStats(t.schema(), t.name(), 0, 0, c.columns(), List.of(), c.constraints(), List.of()));
        } else if (change instanceof Change.CreateView v) {
            viewSources.put(t, v.sources());
        } else if (change instanceof Change.DropTable) {
            dropped.add(t);
        } else if (change instanceof Change.RenameTable r) {
            renameTable(t, r.newName());
        } else if (change instanceof Change.AddColumn a) {
            if (a.column().defaultExpression() != null) defaultsSet.add(t + "." + a.column().name());
            edit(t, s -> with(s, append(s.columns(), a.column()), s.indexes(), s.constraints()));
        } else if (change instanceof Change.DropColumn d) {
            edit(t, s -> with(s, s.columns().stream().filter(c -> !c.name().equals(d.column())).toList(), s.indexes(), s.constraints()));
        } else if (change instanceof Change.RenameColumn r) {
            editColumn(t, r.column(), c -> new ColumnInfo(r.newName(), c.type(), c.notNull(), c.defaultExpression(), c.sequence()));
        } else if (change instanceof Change.AlterColumnType a) {
            editColumn(t, a.column(), c -> new ColumnInfo(c.name(), a.newType(), c.notNull(), c.defaultExpression(), c.sequence()));
        } else if (change instanceof Change.SetNotNull n) {
            editColumn(t, n.column(), c -> new ColumnInfo(c.name(), c.type(), true, c.defaultExpression(), c.sequence()));
        } else if (change instanceof Change.DropNotNull n) {
            editColumn(t, n.column(), c -> new ColumnInfo(c.name(), c.type(), false, c.defaultExpression(), c.sequence()));
        } else if (change instanceof Change.SetDefault d) {
            if (d.expression() != null) defaultsSet.add(t + "." + d.column());
            else defaultsSet.remove(t + "." + d.column());
            editColumn(t, d.column(), c -> new ColumnInfo(c.name(), c.type(), c.notNull(), d.expression(), c.sequence()));
        } else {
            applyToConstraintsOrIndexes(t, change);
        }
    }

    private void applyToConstraintsOrIndexes(TableName t, Change change) {
        if (change instanceof Change.AddConstraint a) {
            edit(t, s -> with(s, s.columns(), s.indexes(), append(s.constraints(), a.constraint())));
        } else if (change instanceof Change.ValidateConstraint v) {
            edit(t, s -> with(s, s.columns(), s.indexes(), s.constraints().stream()
                    .map(c -> c.name().equals(v.name()) ? new ConstraintInfo(c.name(), c.type(), c.definition(), true, c.referencedTable()) : c).toList()));
        } else if (change instanceof Change.DropConstraint d) {
            edit(t, s -> with(s, s.columns(), s.indexes(), s.constraints().stream().filter(c -> !c.name().equals(d.name())).toList()));
        } else if (change instanceof Change.CreateIndex i) {
            edit(t, s -> with(s, s.columns(), append(s.indexes(), new IndexInfo(i.name(), 0, i.unique(), true, i.sql(), List.of())), s.constraints()));
        } else if (change instanceof Change.DropIndex i) {
            edit(t, s -> with(s, s.columns(), s.indexes().stream().filter(x -> !x.name().equals(i.name())).toList(), s.constraints()));
        }
    }

    private void renameTable(TableName from, String newName) {
        TableName to = from.withName(newName);
        table(from).ifPresent(s -> changed.put(to, new TableStats(to.schema(), newName, s.reltuples(), s.relationBytes(),
                s.columns(), s.indexes(), s.constraints(), s.dependents())));
        if (created.remove(from)) created.add(to);
        dropped.add(from);
        dropped.remove(to);
    }

    private void edit(TableName table, UnaryOperator<TableStats> how) {
        table(table).ifPresent(s -> changed.put(table, how.apply(s)));
    }

    private void editColumn(TableName table, String column, UnaryOperator<ColumnInfo> how) {
        edit(table, s -> with(s, s.columns().stream().map(c -> c.name().equals(column) ? how.apply(c) : c).toList(),
                s.indexes(), s.constraints()));
    }

    private static TableStats with(TableStats s, List<ColumnInfo> columns, List<IndexInfo> indexes, List<ConstraintInfo> constraints) {
        return new TableStats(s.schema(), s.name(), s.reltuples(), s.relationBytes(), columns, indexes, constraints, s.dependents());
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}

package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.domain.sql.TableName;

import java.util.List;

/**
 * What a statement means, as structured data: strategies read it to build their phases and the
 * analyzer applies it to its picture of the schema so later statements of the same migration are
 * judged on the schema as it will be then. A closed set.
 */
public sealed interface Change {

    /** The table the change is about. */
    TableName table();

    /** How a new column's value for existing rows is produced. */
    enum DefaultKind {
        /** No default: existing rows get NULL. */
        NONE,
        /** A non-volatile expression, evaluated once: metadata-only since PostgreSQL 11. */
        CONSTANT,
        /** A volatile expression (or one of unknown volatility): every row is rewritten. */
        VOLATILE,
        /** {@code GENERATED ... AS IDENTITY} or a serial type: every row is rewritten. */
        IDENTITY,
        /** {@code GENERATED ALWAYS AS (...) STORED}: every row is rewritten. */
        GENERATED
    }

    /** @param ifNotExists written with IF NOT EXISTS: a no-op when the table exists */
    record CreateTable(TableName table, List<ColumnInfo> columns, List<ConstraintInfo> constraints, boolean ifNotExists) implements Change {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
    }

    record DropTable(TableName table, boolean cascade) implements Change {
    }

    record RenameTable(TableName table, String newName) implements Change {
    }

    record AddColumn(TableName table, ColumnInfo column, DefaultKind defaultKind) implements Change {
    }

    record DropColumn(TableName table, String column) implements Change {
    }

    record RenameColumn(TableName table, String column, String newName) implements Change {
    }

    /** @param oldType the type before, or null when the catalog does not know it */
    record AlterColumnType(TableName table, String column, String newType, String using, String oldType) implements Change {
    }

    record SetNotNull(TableName table, String column) implements Change {
    }

    record DropNotNull(TableName table, String column) implements Change {
    }

    /** @param expression the new default, or null for DROP DEFAULT */
    record SetDefault(TableName table, String column, String expression) implements Change {
    }

    /**
     * @param constraint  the constraint as the catalog would show it ({@code validated} false under NOT VALID)
     * @param columns     its columns (key columns for UNIQUE/PRIMARY KEY/FOREIGN KEY)
     * @param refColumns  referenced columns of a foreign key
     * @param usingIndex  the index of {@code ... USING INDEX}, or null
     * @param clause      the constraint clause as written, without {@code NOT VALID}
     */
    record AddConstraint(TableName table, ConstraintInfo constraint, List<String> columns, List<String> refColumns,
                         String usingIndex, String clause) implements Change {
        public AddConstraint {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    record ValidateConstraint(TableName table, String name) implements Change {
    }

    record DropConstraint(TableName table, String name) implements Change {
    }

    /** @param where the partial-index predicate, or null */
    record CreateIndex(TableName table, String name, boolean unique, boolean concurrently, List<String> columns,
                       String where, String sql) implements Change {
        public CreateIndex {
            columns = List.copyOf(columns);
        }
    }

    /**
     * @param table the index's table, or null when it is unknown (no catalog)
     * @param index the index, schema-qualified as written
     */
    record DropIndex(TableName table, TableName index, boolean concurrently) implements Change {
        /** The index's name without its schema. */
        public String name() {
            return index.name();
        }
    }

    /**
     * INSERT, UPDATE or DELETE.
     *
     * @param verb      {@code insert}, {@code update} or {@code delete}
     * @param setClause for UPDATE, the text after SET up to WHERE
     * @param where     the WHERE condition, or null when absent
     * @param allRows   true when it may touch many rows: no WHERE, a WHERE that does not pin rows by key, or a join
     * @param joins     true when rows come from a join (UPDATE ... FROM, DELETE ... USING)
     */
    record Dml(TableName table, String verb, String setClause, String where, boolean allRows, boolean joins) implements Change {
    }

    record CreateTrigger(TableName table, String name, String function) implements Change {
    }

    record DropTrigger(TableName table, String name) implements Change {
    }

    record Comment(TableName table, String column, String text) implements Change {
    }

    /** A view or materialized view ({@code table} is the view) and the tables its query reads. */
    /** DROP VIEW of {@code table} (the view). */
    record DropView(TableName table) implements Change {
    }

    record CreateView(TableName table, List<TableName> sources, boolean materialized) implements Change {
        public CreateView {
            sources = List.copyOf(sources);
        }
    }
}

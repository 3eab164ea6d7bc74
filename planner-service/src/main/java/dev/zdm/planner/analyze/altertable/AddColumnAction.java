package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Change.DefaultKind;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;
import java.util.Set;

/**
 * {@code ADD [COLUMN] [IF NOT EXISTS] name type [column constraints]}: ACCESS EXCLUSIVE. Catalog
 * only for a nullable column or a non-volatile default (PostgreSQL 11+); a volatile default, an
 * identity or serial column, or a stored generated column rewrites the table; an inline UNIQUE or
 * PRIMARY KEY builds an index, an inline CHECK or REFERENCES validates every row.
 */
final class AddColumnAction implements AlterAction {
    private static final Set<String> CONSTRAINT_STARTS = Set.of("constraint", "check", "unique", "primary", "foreign", "exclude");

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        if (!sub.accept("add")) return Optional.empty();
        boolean saidColumn = sub.accept("column");
        if (!saidColumn && sub.peek(0) != null && CONSTRAINT_STARTS.contains(sub.peek(0).value())) return Optional.empty();
        sub.accept("if", "not", "exists");
        ColumnDefinition c = ColumnDefinition.read(sub);
        if (c == null) return Optional.empty();
        String column = c.name();
        DefaultKind kind = c.defaultKind();
        Effect.Builder e = Effect.builder(StatementKind.ADD_COLUMN).subject(table, LockMode.ACCESS_EXCLUSIVE);
        if (kind == DefaultKind.VOLATILE || kind == DefaultKind.IDENTITY || kind == DefaultKind.GENERATED) {
            e.work(Work.REWRITE).finding(Findings.rewrite(table, "ADD COLUMN " + column + " with a " + describe(kind),
                    "add the column without a default, set the default for new rows, then backfill existing rows in batches"));
        }
        if (c.uniqueOrPrimary()) {
            e.work(Work.INDEX_BUILD).finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "inline UNIQUE/PRIMARY KEY builds an index",
                    "add the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX"));
        }
        // an inline REFERENCES on a column that is NULL in every row (no default) validates nothing
        boolean validatesReferences = c.references() != null && (c.defaultExpression() != null || kind == DefaultKind.GENERATED);
        if (c.check() || validatesReferences) {
            e.work(Work.SCAN).finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "an inline constraint is validated",
                    "add the column, then add the constraint NOT VALID and VALIDATE it separately"));
        }
        if (c.references() != null) e.lock(c.references(), LockMode.SHARE_ROW_EXCLUSIVE);
        if (c.notNull() && c.defaultExpression() == null && kind == DefaultKind.NONE) {
            e.work(Work.SCAN).breaksApp().finding(Findings.breaksApp("ADD COLUMN " + column + " NOT NULL without a default fails on a "
                    + "table with rows, and INSERTs of the running application that omit the column fail",
                    "add it nullable with a default, backfill, then enforce NOT NULL through a validated CHECK"));
        }
        return Optional.of(e.change(new Change.AddColumn(table, c.toColumnInfo(), kind)).build());
    }

    private static String describe(DefaultKind kind) {
        return switch (kind) {
            case VOLATILE -> "volatile default (evaluated for every row)";
            case IDENTITY -> "identity/serial default (a sequence value for every row)";
            default -> "stored generated expression (computed for every row)";
        };
    }
}

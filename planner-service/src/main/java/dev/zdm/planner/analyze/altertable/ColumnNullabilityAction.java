package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;

import java.util.Optional;

/**
 * {@code ALTER [COLUMN] c SET NOT NULL}: ACCESS EXCLUSIVE and a full scan, skipped (PostgreSQL 12+)
 * when a validated {@code CHECK (c IS NOT NULL)} exists; when the catalog cannot say, the scan is
 * assumed. Without a default, INSERTs of the running application that omit the column fail.
 * {@code DROP NOT NULL}: ACCESS EXCLUSIVE, catalog only.
 */
final class ColumnNullabilityAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        String column = ColumnTarget.read(sub);
        if (column == null) return Optional.empty();
        if (sub.accept("drop", "not", "null")) {
            return Optional.of(Effect.builder(StatementKind.DROP_NOT_NULL).subject(table, LockMode.ACCESS_EXCLUSIVE)
                    .change(new Change.DropNotNull(table, column)).build());
        }
        if (!sub.accept("set", "not", "null")) return Optional.empty();
        Optional<TableStats> stats = schema.table(table);
        Effect.Builder e = Effect.builder(StatementKind.SET_NOT_NULL).subject(table, LockMode.ACCESS_EXCLUSIVE)
                .change(new Change.SetNotNull(table, column));
        if (stats.isEmpty() || !stats.get().hasValidatedNotNullCheck(column)) {
            e.work(Work.SCAN).finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "SET NOT NULL checks every row for NULLs",
                    "ADD CONSTRAINT ... CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (no scan) and drop the check"));
            if (stats.isEmpty()) e.finding(Finding.info(FindingCode.ASSUMED, "no catalog for " + table + ": assumed there is no validated CHECK (" + column + " IS NOT NULL)"));
        }
        boolean hasDefault = schema.hasDefault(table, column);
        if (!hasDefault) {
            e.breaksApp().finding(Findings.breaksApp("SET NOT NULL on " + column + " without a default: INSERTs of the running "
                    + "application that omit the column fail", "SET DEFAULT first, or deploy an application that always writes " + column));
        }
        return Optional.of(e.build());
    }
}

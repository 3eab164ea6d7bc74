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
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;

import java.util.Optional;

/**
 * {@code ALTER [COLUMN] c [SET DATA] TYPE t [COLLATE x] [USING expr]}: ACCESS EXCLUSIVE; catalog
 * only when the change is binary coercible and cannot fail ({@link TypeChange}), else a rewrite of
 * the table and its indexes. Without the old type (no catalog) a rewrite is assumed. A narrowing
 * change breaks the running application (its values may no longer fit).
 */
final class AlterColumnTypeAction implements AlterAction {
    private static final String ALTERNATIVE = "dual-write: add a column of the new type, sync and backfill it, "
            + "move the application to it, then drop the old column and rename the new one";

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        String column = ColumnTarget.read(sub);
        if (column == null) return Optional.empty();
        sub.accept("set", "data");
        if (!sub.accept("type")) return Optional.empty();
        String newType = sub.textUntil("collate", "using");
        if (sub.accept("collate")) sub.name();
        String using = sub.accept("using") ? sub.rest() : null;
        String oldType = schema.table(table).flatMap(s -> s.column(column)).map(ColumnInfo::type).orElse(null);

        Effect.Builder e = Effect.builder(StatementKind.ALTER_COLUMN_TYPE).subject(table, LockMode.ACCESS_EXCLUSIVE)
                .change(new Change.AlterColumnType(table, column, newType, using, oldType));
        if (oldType == null) {
            e.work(Work.REWRITE).finding(Findings.rewrite(table, "TYPE change of " + column + " from an unknown type (assumed to rewrite)", ALTERNATIVE))
                    .finding(Finding.info(FindingCode.ASSUMED, "the current type of " + table + "." + column + " is unknown; run `zdm plan --pg` for an exact answer"));
        } else if (using != null || !TypeChange.isMetadataOnly(oldType, newType)) {
            e.work(Work.REWRITE).finding(Findings.rewrite(table, "TYPE change of " + column + " from " + oldType + " to " + newType, ALTERNATIVE));
        }
        if (oldType != null && TypeChange.isNarrowing(oldType, newType)) {
            e.breaksApp().finding(Findings.breaksApp("TYPE change of " + column + " from " + oldType + " to " + newType
                    + " narrows it: values the running application writes may no longer fit", ALTERNATIVE));
        }
        indexedNote(schema.table(table), column).ifPresent(e::finding);
        return Optional.of(e.build());
    }

    private static Optional<Finding> indexedNote(Optional<TableStats> stats, String column) {
        return stats.filter(s -> s.indexes().stream().anyMatch(i -> i.definition() != null && i.definition().contains(column)))
                .map(s -> Finding.info(FindingCode.INDEX_REBUILD, "indexes on " + column + " may be rebuilt as well"));
    }
}

package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * {@code DROP [COLUMN] [IF EXISTS] name}: ACCESS EXCLUSIVE, catalog only (the space is reclaimed by
 * later rewrites), and it breaks every running application version that still reads the column.
 */
final class DropColumnAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        if (!sub.accept("drop") || sub.peekWords("constraint")) return Optional.empty();
        sub.accept("column");
        sub.accept("if", "exists");
        String column = sub.name();
        return Optional.of(Effect.builder(StatementKind.DROP_COLUMN).subject(table, LockMode.ACCESS_EXCLUSIVE).breaksApp()
                .finding(Findings.breaksApp("DROP COLUMN " + column + " breaks every running application version that still uses it",
                        "expand-contract: deprecate the column, deploy a version that no longer uses it, then drop it"))
                .change(new Change.DropColumn(table, column)).build());
    }
}

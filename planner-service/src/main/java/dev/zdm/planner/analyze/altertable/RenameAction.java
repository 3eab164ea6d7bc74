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
 * {@code RENAME [COLUMN] a TO b}, {@code RENAME TO b}, {@code RENAME CONSTRAINT a TO b}: ACCESS
 * EXCLUSIVE, catalog only. Renaming a column or table breaks the running application, which still
 * uses the old name.
 */
final class RenameAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        if (!sub.accept("rename")) return Optional.empty();
        if (sub.accept("to")) {
            String to = sub.name();
            return Optional.of(Effect.builder(StatementKind.RENAME_TABLE).subject(table, LockMode.ACCESS_EXCLUSIVE).breaksApp()
                    .finding(Findings.breaksApp("RENAME " + table + " TO " + to + " breaks the running application, which uses the old name",
                            "blue-green: build the new table beside the old one, sync, and switch atomically; or a view with the old name"))
                    .change(new Change.RenameTable(table, to)).build());
        }
        if (sub.accept("constraint")) {
            sub.name();
            return Optional.of(Effect.builder(StatementKind.RENAME_CONSTRAINT).subject(table, LockMode.ACCESS_EXCLUSIVE).build());
        }
        sub.accept("column");
        String from = sub.name();
        sub.accept("to");
        String to = sub.name();
        return Optional.of(Effect.builder(StatementKind.RENAME_COLUMN).subject(table, LockMode.ACCESS_EXCLUSIVE).breaksApp()
                .finding(Findings.breaksApp("RENAME COLUMN " + from + " TO " + to + " breaks the running application, which uses " + from,
                        "dual-write: add " + to + ", keep both in sync, move the application to " + to + ", then drop " + from))
                .change(new Change.RenameColumn(table, from, to)).build());
    }
}

package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/** {@code ALTER [COLUMN] c SET DEFAULT expr | DROP DEFAULT}: ACCESS EXCLUSIVE, catalog only (existing rows keep their values). */
final class ColumnDefaultAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        String column = ColumnTarget.read(sub);
        if (column == null) return Optional.empty();
        if (sub.accept("set", "default")) {
            return Optional.of(Effect.builder(StatementKind.SET_DEFAULT).subject(table, LockMode.ACCESS_EXCLUSIVE)
                    .change(new Change.SetDefault(table, column, sub.rest())).build());
        }
        if (sub.accept("drop", "default")) {
            return Optional.of(Effect.builder(StatementKind.DROP_DEFAULT).subject(table, LockMode.ACCESS_EXCLUSIVE)
                    .change(new Change.SetDefault(table, column, null)).build());
        }
        return Optional.empty();
    }
}

package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * The remaining column subcommands, all catalog only: {@code SET STATISTICS}, {@code SET (...)} and
 * {@code RESET (...)} take SHARE UPDATE EXCLUSIVE; {@code SET STORAGE} (ACCESS EXCLUSIVE in 15,
 * lowered in 16), {@code SET COMPRESSION}, identity and generation changes take ACCESS EXCLUSIVE.
 */
final class ColumnOptionAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        String column = ColumnTarget.read(sub);
        if (column == null) return Optional.empty();
        LockMode lock;
        if (sub.accept("set", "statistics") || isOptions(sub, "set") || isOptions(sub, "reset")) {
            lock = LockMode.SHARE_UPDATE_EXCLUSIVE;
        } else if (sub.accept("set", "storage") || sub.accept("set", "compression") || sub.accept("add", "generated")
                || sub.accept("drop", "identity") || sub.accept("drop", "expression") || sub.accept("set", "generated")
                || sub.accept("restart") || sub.accept("set", "increment") || sub.accept("set", "start")) {
            lock = LockMode.ACCESS_EXCLUSIVE;
        } else {
            return Optional.empty();
        }
        return Optional.of(Effect.builder(StatementKind.ALTER_COLUMN_OPTION).subject(table, lock).build());
    }

    private static boolean isOptions(SqlTokens sub, String verb) {
        if (!sub.peekWords(verb) || sub.peek(1) == null || !sub.peek(1).isSymbol("(")) return false;
        sub.accept(verb);
        sub.parenthesized();
        return true;
    }
}

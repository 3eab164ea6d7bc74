package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name ... ON table ... EXECUTE FUNCTION f(...)}:
 * SHARE ROW EXCLUSIVE (writes wait, briefly). {@code DROP TRIGGER name ON table}: ACCESS EXCLUSIVE
 * ({@code RemoveTriggerById}). A trigger without {@code EXECUTE FUNCTION} (an inline
 * {@code BEGIN ... END} body, as in some guides) is not PostgreSQL and is reported as unknown.
 */
final class TriggerRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.accept("drop", "trigger")) {
            sql.accept("if", "exists");
            String name = sql.name();
            sql.accept("on");
            TableName table = sql.tableName();
            if (table == null) return Optional.of(Unknown.effect(sql.sql(), null));
            return Optional.of(Effect.builder(StatementKind.DROP_TRIGGER).subject(table, LockMode.ACCESS_EXCLUSIVE)
                    .change(new Change.DropTrigger(table, name)).build());
        }
        if (!sql.accept("create")) return Optional.empty();
        sql.accept("or", "replace");
        sql.accept("constraint");
        if (!sql.accept("trigger")) return Optional.empty();
        String name = sql.name();
        sql.textUntil("on");
        sql.accept("on");
        TableName table = sql.tableName();
        sql.textUntil("execute");
        if (table == null || !(sql.accept("execute", "function") || sql.accept("execute", "procedure"))) {
            Effect unknown = Unknown.effect(sql.sql(), table);
            return Optional.of(Effect.builder(StatementKind.UNKNOWN).merge(unknown).finding(Finding.danger(FindingCode.INVALID_TRIGGER,
                    "a PostgreSQL trigger must EXECUTE FUNCTION; an inline BEGIN ... END body is not valid",
                    "zdm keeps two columns or tables in step with change data capture instead of triggers")).build());
        }
        TableName function = sql.tableName();
        return Optional.of(Effect.builder(StatementKind.CREATE_TRIGGER).subject(table, LockMode.SHARE_ROW_EXCLUSIVE)
                .change(new Change.CreateTrigger(table, name, function == null ? null : function.name())).build());
    }
}

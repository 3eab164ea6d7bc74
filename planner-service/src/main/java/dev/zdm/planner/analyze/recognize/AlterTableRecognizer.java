package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.altertable.AlterAction;
import dev.zdm.planner.analyze.altertable.AlterTableActions;
import dev.zdm.domain.sql.TableName;

import java.util.List;
import java.util.Optional;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name action [, ...]}: each subcommand goes to the first
 * {@link AlterTableActions#ALL} entry that knows it; one unknown subcommand makes the statement
 * UNKNOWN. The statement holds the strongest of its subcommands' locks.
 */
final class AlterTableRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("alter", "table")) return Optional.empty();
        sql.accept("if", "exists");
        sql.accept("only");
        TableName table = sql.tableName();
        sql.acceptSymbol("*");
        if (table == null || sql.atEnd()) return Optional.of(Unknown.effect(sql.sql(), table));
        List<SqlTokens> parts = sql.splitTopLevel();
        Effect.Builder merged = null;
        for (SqlTokens part : parts) {
            Effect e = subcommand(part, table, schema);
            merged = merged == null ? Effect.builder(e.kind()).merge(e) : merged.merge(e);
        }
        return Optional.of(merged.build());
    }

    private static Effect subcommand(SqlTokens part, TableName table, SchemaView schema) {
        for (AlterAction action : AlterTableActions.ALL) {
            Optional<Effect> e = action.apply(part.fork(), table, schema);
            if (e.isPresent()) return e.get();
        }
        return Unknown.effect("ALTER TABLE " + table + " " + part.rest(), table);
    }
}

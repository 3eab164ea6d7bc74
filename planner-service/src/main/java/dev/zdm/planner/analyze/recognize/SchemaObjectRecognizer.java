package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Objects beside tables: functions and procedures (no table lock), views (ACCESS SHARE on what they
 * read; a materialized view also reads it all), sequences, schemas, extensions, types and domains
 * (no table lock), {@code CREATE POLICY} / {@code CREATE RULE} (ACCESS EXCLUSIVE on their table),
 * {@code CREATE STATISTICS} (SHARE UPDATE EXCLUSIVE), simple ALTERs of such objects, GRANT/REVOKE.
 */
final class SchemaObjectRecognizer implements Recognizer {
    private static final Set<String> PLAIN = Set.of("sequence", "schema", "extension", "type", "domain", "collation",
            "cast", "operator", "language", "publication", "role", "user", "server", "text");
    private static final Set<String> ALTERABLE = Set.of("sequence", "function", "procedure", "schema", "extension", "role", "user");

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.peekWords("grant") || sql.peekWords("revoke")) return Optional.of(Effect.builder(StatementKind.GRANT_REVOKE).build());
        if (sql.accept("alter")) return alter(sql);
        if (!sql.accept("create")) return Optional.empty();
        sql.accept("or", "replace");
        sql.accept("temp");
        sql.accept("temporary");
        sql.accept("recursive");
        if (sql.accept("function") || sql.accept("procedure") || sql.accept("aggregate")) {
            return Optional.of(Effect.builder(StatementKind.CREATE_FUNCTION).build());
        }
        boolean materialized = sql.accept("materialized");
        if (sql.accept("view")) {
            sql.accept("if", "not", "exists");
            TableName view = sql.tableName();
            Effect.Builder e = Effect.builder(StatementKind.CREATE_VIEW).work(materialized ? Work.SCAN : Work.CATALOG_ONLY);
            List<TableName> sources = SourceTables.in(sql.remaining());
            sources.forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
            if (view != null) e.change(new Change.CreateView(view, sources, materialized));
            return Optional.of(e.build());
        }
        if (sql.accept("policy") || sql.accept("rule")) return onTable(sql, LockMode.ACCESS_EXCLUSIVE);
        if (sql.accept("statistics")) {
            sql.textUntil("from");
            sql.accept("from");
            return Optional.of(Effect.builder(StatementKind.CREATE_OTHER).subject(sql.tableName(), LockMode.SHARE_UPDATE_EXCLUSIVE).build());
        }
        if (sql.peek(0) != null && PLAIN.contains(sql.peek(0).value())) return Optional.of(Effect.builder(StatementKind.CREATE_OTHER).build());
        return Optional.empty();
    }

    private static Optional<Effect> alter(SqlTokens sql) {
        if (sql.peek(0) != null && ALTERABLE.contains(sql.peek(0).value())) return Optional.of(Effect.builder(StatementKind.ALTER_OTHER).build());
        if (sql.accept("type")) {
            sql.tableName();
            boolean enumOnly = sql.peekWords("add", "value") || sql.peekWords("rename", "value");
            return enumOnly ? Optional.of(Effect.builder(StatementKind.ALTER_OTHER).build()) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Effect> onTable(SqlTokens sql, LockMode mode) {
        sql.textUntil("on");
        sql.accept("on");
        TableName table = sql.tableName();
        return Optional.of(Effect.builder(StatementKind.CREATE_OTHER).subject(table, mode).build());
    }
}

package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.altertable.ColumnDefinition;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name (...) | AS query | PARTITION OF parent}:
 * a new table nobody uses yet. Locks on existing tables: SHARE ROW EXCLUSIVE on tables its foreign
 * keys reference, ACCESS SHARE on {@code LIKE} sources and {@code AS} query sources, ACCESS
 * EXCLUSIVE on the parent of {@code PARTITION OF}.
 */
final class CreateTableRecognizer implements Recognizer {
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("constraint", "check", "unique", "primary", "foreign", "exclude", "like");

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("create")) return Optional.empty();
        boolean skipped;
        do {
            skipped = sql.accept("global") || sql.accept("local") || sql.accept("temp") || sql.accept("temporary") || sql.accept("unlogged");
        } while (skipped);
        if (!sql.accept("table")) return Optional.empty();
        boolean ifNotExists = sql.accept("if", "not", "exists");
        TableName table = sql.tableName();
        Effect.Builder e = Effect.builder(StatementKind.CREATE_TABLE);
        List<ColumnInfo> columns = new ArrayList<>();
        List<ConstraintInfo> constraints = new ArrayList<>();
        if (sql.accept("partition", "of")) e.lock(sql.tableName(), LockMode.ACCESS_EXCLUSIVE);
        String body = sql.peek(0) != null && sql.peek(0).isSymbol("(") ? sql.parenthesized() : null;
        if (body != null) {
            for (SqlTokens part : SqlTokens.of(body).splitTopLevel()) element(part, table, e, columns, constraints);
        }
        if (sql.containsWord("as")) SourceTables.in(sql.remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        return Optional.of(e.change(new Change.CreateTable(table, columns, constraints, ifNotExists)).build());
    }

    private static void element(SqlTokens part, TableName table, Effect.Builder e, List<ColumnInfo> columns, List<ConstraintInfo> constraints) {
        String first = part.peek(0) == null ? "" : part.peek(0).value();
        if (part.peek(0) != null && part.peek(0).isWord(first) && TABLE_CONSTRAINTS.contains(first)) {
            tableConstraint(part, table, e, constraints);
            return;
        }
        ColumnDefinition c = ColumnDefinition.read(part);
        if (c == null) return;
        columns.add(c.toColumnInfo());
        if (c.primaryKey()) {
            constraints.add(new ConstraintInfo(table.name() + "_pkey", ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (" + c.name() + ")", true, null));
        }
        if (c.references() != null) {
            e.lock(c.references(), LockMode.SHARE_ROW_EXCLUSIVE);
            constraints.add(new ConstraintInfo(table.name() + "_" + c.name() + "_fkey", ConstraintInfo.Type.FOREIGN_KEY,
                    "FOREIGN KEY (" + c.name() + ") REFERENCES " + c.references().sql(), true, c.references()));
        }
    }

    private static void tableConstraint(SqlTokens part, TableName table, Effect.Builder e, List<ConstraintInfo> constraints) {
        if (part.accept("like")) {
            e.lock(part.tableName(), LockMode.ACCESS_SHARE);
            return;
        }
        String clause = part.rest();
        String name = part.accept("constraint") ? part.name() : null;
        if (part.accept("check")) {
            constraints.add(new ConstraintInfo(name != null ? name : table.name() + "_check", ConstraintInfo.Type.CHECK,
                    "CHECK (" + part.parenthesized() + ")", true, null));
        } else if (part.accept("primary", "key")) {
            constraints.add(new ConstraintInfo(name != null ? name : table.name() + "_pkey", ConstraintInfo.Type.PRIMARY_KEY,
                    "PRIMARY KEY (" + part.parenthesized() + ")", true, null));
        } else if (part.accept("unique")) {
            constraints.add(new ConstraintInfo(name != null ? name : table.name() + "_key", ConstraintInfo.Type.UNIQUE,
                    "UNIQUE (" + part.parenthesized() + ")", true, null));
        } else if (part.accept("foreign", "key")) {
            part.parenthesized();
            part.accept("references");
            TableName referenced = part.tableName();
            e.lock(referenced, LockMode.SHARE_ROW_EXCLUSIVE);
            constraints.add(new ConstraintInfo(name != null ? name : table.name() + "_fkey", ConstraintInfo.Type.FOREIGN_KEY, clause, true, referenced));
        }
    }
}

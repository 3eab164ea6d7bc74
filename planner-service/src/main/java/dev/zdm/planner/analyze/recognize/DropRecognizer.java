package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.Dependent;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;
import java.util.Set;

/**
 * {@code DROP TABLE [IF EXISTS] a [, ...] [CASCADE]}: ACCESS EXCLUSIVE on each (and on tables whose
 * foreign keys point at it), and it breaks any running application that uses it. {@code DROP VIEW}
 * breaks readers of the view; other DROPs (function, sequence, type...) lock no table.
 */
final class DropRecognizer implements Recognizer {
    private static final Set<String> OTHER = Set.of("sequence", "type", "domain", "schema", "extension", "function",
            "procedure", "aggregate", "policy", "rule", "publication", "statistics", "collation", "materialized");

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.accept("drop", "table")) return Optional.of(dropTable(sql, schema));
        if (sql.accept("drop", "view")) {
            sql.accept("if", "exists");
            Effect.Builder e = Effect.builder(StatementKind.DROP_VIEW).breaksApp().finding(Findings.breaksApp(
                    "DROP VIEW breaks any running application that reads the view", "expand-contract: drop it after the application stopped using it"));
            for (SqlTokens part : sql.splitTopLevel()) {
                TableName view = part.tableName();
                // PostgreSQL takes ACCESS EXCLUSIVE on the view: its readers wait (CorpusLabelsIT found it on real files).
                if (view != null) e.lock(view, LockMode.ACCESS_EXCLUSIVE).change(new Change.DropView(view));
            }
            return Optional.of(e.build());
        }
        if (sql.peekWords("drop") && sql.peek(1) != null && OTHER.contains(sql.peek(1).value())) {
            boolean function = sql.peekWords("drop", "function") || sql.peekWords("drop", "procedure");
            return Optional.of(Effect.builder(function ? StatementKind.DROP_FUNCTION : StatementKind.DROP_OTHER).build());
        }
        return Optional.empty();
    }

    private static Effect dropTable(SqlTokens sql, SchemaView schema) {
        sql.accept("if", "exists");
        boolean cascade = sql.containsWord("cascade");
        Effect.Builder e = Effect.builder(StatementKind.DROP_TABLE);
        for (SqlTokens part : sql.splitTopLevel()) {
            TableName table = part.tableName();
            if (table == null) continue;
            e.subject(table, LockMode.ACCESS_EXCLUSIVE).change(new Change.DropTable(table, cascade));
            if (!schema.isNew(table)) {
                e.breaksApp().finding(Findings.breaksApp("DROP TABLE " + table + " breaks any running application version that uses it",
                        "expand-contract: deprecate, deploy a version that no longer uses it, archive, then drop"));
            }
            schema.table(table).ifPresent(s -> s.dependents().forEach(d -> dependent(e, table, d, cascade)));
        }
        if (cascade) {
            e.finding(Finding.danger(FindingCode.CASCADE, "CASCADE silently drops views, foreign keys and other objects that depend on the table",
                    "drop dependants explicitly, or leave CASCADE out so PostgreSQL refuses while any remain"));
        }
        return e.build();
    }

    private static void dependent(Effect.Builder e, TableName table, Dependent d, boolean cascade) {
        if (d.kind() == Dependent.Kind.FOREIGN_KEY && d.owner() != null) e.lock(d.owner(), LockMode.ACCESS_EXCLUSIVE);
        if (cascade) e.finding(Finding.warning(FindingCode.CASCADE_DROPS, "CASCADE drops " + d.kind().name().toLowerCase() + " " + d.name() + " on " + table, null));
    }
}

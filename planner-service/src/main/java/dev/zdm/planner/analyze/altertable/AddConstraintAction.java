package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ADD [CONSTRAINT name] CHECK | FOREIGN KEY | UNIQUE | PRIMARY KEY | EXCLUDE ... [NOT VALID]}.
 * CHECK: ACCESS EXCLUSIVE, scans unless NOT VALID. FOREIGN KEY: SHARE ROW EXCLUSIVE on both tables,
 * scans unless NOT VALID. UNIQUE / PRIMARY KEY / EXCLUDE: ACCESS EXCLUSIVE and an index build,
 * or catalog only with {@code USING INDEX} (a PRIMARY KEY still scans nullable columns for NULLs).
 */
final class AddConstraintAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        if (!sub.accept("add")) return Optional.empty();
        String clause = stripNotValid(sub.rest());
        boolean notValid = sub.rest().toLowerCase().replaceAll("\\s+", " ").endsWith("not valid");
        String name = sub.accept("constraint") ? sub.name() : null;
        if (sub.accept("check")) return Optional.of(check(table, name, sub.parenthesized(), notValid, clause));
        if (sub.accept("foreign", "key")) return Optional.of(foreignKey(sub, table, name, notValid, clause));
        boolean primary = sub.accept("primary", "key");
        if (primary || sub.accept("unique")) return Optional.of(unique(sub, table, schema, name, primary, clause));
        if (sub.accept("exclude")) {
            return Optional.of(Effect.builder(StatementKind.ADD_EXCLUSION).subject(table, LockMode.ACCESS_EXCLUSIVE).work(Work.INDEX_BUILD)
                    .finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "EXCLUDE builds its index", "none without downtime; schedule it or use blue-green"))
                    .build());
        }
        return Optional.empty();
    }

    private static Effect check(TableName table, String name, String expression, boolean notValid, String clause) {
        String n = name != null ? name : table.name() + "_check";
        Effect.Builder e = Effect.builder(StatementKind.ADD_CHECK).subject(table, LockMode.ACCESS_EXCLUSIVE)
                .change(new Change.AddConstraint(table, new ConstraintInfo(n, ConstraintInfo.Type.CHECK, "CHECK (" + expression + ")", !notValid, null),
                        List.of(), List.of(), null, clause));
        if (!notValid) {
            e.work(Work.SCAN).finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "ADD CHECK validates every row",
                    "ADD CONSTRAINT ... NOT VALID (instant), then VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE: reads and writes go on)"));
        }
        return e.build();
    }

    private static Effect foreignKey(SqlTokens sub, TableName table, String name, boolean notValid, String clause) {
        List<String> columns = names(sub.parenthesized());
        sub.accept("references");
        TableName referenced = sub.tableName();
        List<String> refColumns = names(sub.parenthesized());
        String n = name != null ? name : table.name() + "_" + String.join("_", columns) + "_fkey";
        Effect.Builder e = Effect.builder(StatementKind.ADD_FOREIGN_KEY).subject(table, LockMode.SHARE_ROW_EXCLUSIVE)
                .lock(referenced, LockMode.SHARE_ROW_EXCLUSIVE)
                .change(new Change.AddConstraint(table, new ConstraintInfo(n, ConstraintInfo.Type.FOREIGN_KEY, clause, !notValid, referenced),
                        columns, refColumns, null, clause));
        if (!notValid) {
            e.work(Work.SCAN).finding(Findings.scan(table, LockMode.SHARE_ROW_EXCLUSIVE, "ADD FOREIGN KEY checks every row against " + referenced,
                    "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT"));
        }
        return e.build();
    }

    private static Effect unique(SqlTokens sub, TableName table, SchemaView schema, String name, boolean primary, String clause) {
        StatementKind kind = primary ? StatementKind.ADD_PRIMARY_KEY : StatementKind.ADD_UNIQUE;
        Effect.Builder e = Effect.builder(kind).subject(table, LockMode.ACCESS_EXCLUSIVE);
        sub.accept("nulls", "not", "distinct");
        sub.accept("nulls", "distinct");
        String usingIndex = sub.accept("using", "index") ? sub.name() : null;
        List<String> columns = usingIndex == null ? names(sub.parenthesized()) : List.of();
        String n = name != null ? name : usingIndex != null ? usingIndex : table.name() + (primary ? "_pkey" : "_" + String.join("_", columns) + "_key");
        String definition = (primary ? "PRIMARY KEY" : "UNIQUE") + " (" + String.join(", ", columns.stream().map(dev.zdm.domain.sql.Identifiers::quote).toList()) + ")";
        e.change(new Change.AddConstraint(table, new ConstraintInfo(n, primary ? ConstraintInfo.Type.PRIMARY_KEY : ConstraintInfo.Type.UNIQUE,
                definition, true, null), columns, List.of(), usingIndex, clause));
        if (usingIndex == null) {
            e.work(Work.INDEX_BUILD).finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "ADD " + (primary ? "PRIMARY KEY" : "UNIQUE") + " builds its index",
                    "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... " + (primary ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX"));
        } else if (primary && mayHaveNullableKey(schema.table(table), usingIndex)) {
            e.work(Work.SCAN).finding(Findings.scan(table, LockMode.ACCESS_EXCLUSIVE, "PRIMARY KEY USING INDEX sets NOT NULL on nullable key columns",
                    "make the key columns NOT NULL first through a validated CHECK (col IS NOT NULL)"));
        }
        return e.build();
    }

    /** True unless every column of the index is known to be NOT NULL already. */
    private static boolean mayHaveNullableKey(Optional<TableStats> stats, String index) {
        if (stats.isEmpty()) return true;
        return stats.get().indexes().stream().filter(i -> i.name().equals(index)).findFirst()
                .map(i -> names(between(i.definition())).stream().anyMatch(col -> stats.get().column(col).map(c -> !c.notNull()).orElse(true)))
                .orElse(true);
    }

    private static String between(String definition) {
        if (definition == null) return null;
        int open = definition.indexOf('(');
        int close = definition.lastIndexOf(')');
        return open < 0 || close < open ? null : definition.substring(open + 1, close);
    }

    /**
     * The column names of a parenthesized list, as PostgreSQL reads them: an unquoted name folded to
     * lower case, a quoted one exactly as quoted; anything after a name (ASC, an operator class) left out.
     */
    static List<String> names(String list) {
        if (list == null || list.isBlank()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (SqlTokens part : SqlTokens.of(list).splitTopLevel()) {
            String name = part.name();
            if (name != null) out.add(name);
        }
        return out;
    }

    private static String stripNotValid(String clause) {
        return clause.replaceAll("(?i)\\s+not\\s+valid\\s*$", "");
    }

}

package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.planner.catalog.TableName;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code INSERT}, {@code UPDATE}, {@code DELETE}: ROW EXCLUSIVE on the target, ACCESS SHARE on the
 * tables they read. An UPDATE or DELETE of every row (no WHERE, or a WHERE that only picks rows not
 * filled yet) holds a row lock on each row until it commits: a big-backfill candidate, run as
 * keyset batches instead. {@code SELECT}: ACCESS SHARE (ROW SHARE with FOR UPDATE/SHARE).
 */
final class DmlRecognizer implements Recognizer {
    /** A WHERE that selects the rows a backfill has not filled yet, e.g. {@code status IS NULL}. */
    private static final Pattern PENDING_ONLY = Pattern.compile("(?is)^\\s*\"?\\w+\"?\\s+is\\s+(null|distinct\\s+from\\s+.+)$");

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.peekWords("with") && (sql.containsWord("insert") || sql.containsWord("update") || sql.containsWord("delete"))) {
            return Optional.of(Unknown.effect(sql.sql(), null));
        }
        if (sql.accept("insert", "into")) return Optional.of(insert(sql));
        if (sql.accept("update")) return Optional.of(update(sql));
        if (sql.accept("delete", "from")) return Optional.of(delete(sql));
        if (sql.peekWords("select") || sql.peekWords("with") || sql.peekWords("values") || sql.peekWords("table")) {
            Effect.Builder e = Effect.builder(StatementKind.SELECT);
            LockMode mode = sql.containsWord("for") && (sql.containsWord("update") || sql.containsWord("share"))
                    ? LockMode.ROW_SHARE : LockMode.ACCESS_SHARE;
            SourceTables.in(sql.remaining()).forEach(t -> e.lock(t, mode));
            return Optional.of(e.build());
        }
        return Optional.empty();
    }

    private static Effect insert(SqlTokens sql) {
        TableName table = sql.tableName();
        Effect.Builder e = Effect.builder(StatementKind.INSERT);
        SourceTables.in(sql.remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        return e.subject(table, LockMode.ROW_EXCLUSIVE).change(new Change.Dml(table, "insert", null, null, false)).build();
    }

    private static Effect update(SqlTokens sql) {
        sql.accept("only");
        TableName table = sql.tableName();
        sql.textUntil("set");
        sql.accept("set");
        String set = sql.textUntil("from", "where", "returning");
        SqlTokens rest = sql.fork();
        Effect.Builder e = Effect.builder(StatementKind.UPDATE);
        SourceTables.in(rest.remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        sql.textUntil("where");
        String where = sql.accept("where") ? sql.textUntil("returning") : null;
        return rows(e.subject(table, LockMode.ROW_EXCLUSIVE), table, where, "UPDATE")
                .change(new Change.Dml(table, "update", set, where, allRows(where))).build();
    }

    private static Effect delete(SqlTokens sql) {
        sql.accept("only");
        TableName table = sql.tableName();
        Effect.Builder e = Effect.builder(StatementKind.DELETE);
        SourceTables.in(sql.fork().remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        sql.textUntil("where");
        String where = sql.accept("where") ? sql.textUntil("returning") : null;
        return rows(e.subject(table, LockMode.ROW_EXCLUSIVE), table, where, "DELETE")
                .change(new Change.Dml(table, "delete", null, where, allRows(where))).build();
    }

    private static Effect.Builder rows(Effect.Builder e, TableName table, String where, String verb) {
        if (!allRows(where)) return e;
        return e.work(Work.ROW_WRITES).finding(Finding.warning("BIG_BACKFILL", verb + " of every row of " + table
                        + " in one transaction holds a lock on each row until it commits: application writes to those rows wait",
                "progressive: keyset batches of a few thousand rows, each its own transaction, paced by database health"));
    }

    private static boolean allRows(String where) {
        return where == null || PENDING_ONLY.matcher(where).matches();
    }
}

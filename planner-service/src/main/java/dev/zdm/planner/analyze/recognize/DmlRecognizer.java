package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;

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
    private static final String CONSTANT = "('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?|\\$\\d+|true|false)";
    /** A condition that pins rows by equality with constants: {@code [t.]col = 7}, {@code col IN ('a', 'b')}. */
    private static final Pattern PINNED = Pattern.compile("(?is)^\\s*(\"?\\w+\"?\\.)?\"?\\w+\"?\\s*(=\\s*" + CONSTANT
            + "|in\\s*\\(\\s*" + CONSTANT + "(\\s*,\\s*" + CONSTANT + ")*\\s*\\))\\s*$");

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.peekWords("with") && (sql.containsWord("insert") || sql.containsWord("update") || sql.containsWord("delete"))) {
            return Optional.of(modifyingWith(sql.fork(), schema).orElseGet(() -> Unknown.effect(sql.sql(), null)));
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

    /**
     * {@code WITH name AS (INSERT|UPDATE|DELETE ...) ... main statement}: each part is judged as the
     * statement it is, and the whole takes every lock of every part; the main statement's kind and
     * subject, or the first modifying part's when the main statement only reads. Empty when the shape
     * is not one zdm can follow.
     */
    private Optional<Effect> modifyingWith(SqlTokens sql, SchemaView schema) {
        sql.accept("with");
        sql.accept("recursive");
        java.util.List<Effect> parts = new java.util.ArrayList<>();
        java.util.Set<TableName> cteNames = new java.util.HashSet<>();
        do {
            String name = sql.name();
            if (name == null) return Optional.empty();
            cteNames.add(TableName.of(name));
            if (sql.peek(0) != null && sql.peek(0).isSymbol("(")) sql.parenthesized();
            if (!sql.accept("as")) return Optional.empty();
            sql.accept("not");
            sql.accept("materialized");
            String body = sql.parenthesized();
            if (body == null) return Optional.empty();
            Optional<Effect> part = recognize(SqlTokens.of(body), schema);
            if (part.isEmpty()) return Optional.empty();
            parts.add(part.get());
        } while (sql.acceptSymbol(","));
        Optional<Effect> main = recognize(SqlTokens.of(sql.rest()), schema);
        if (main.isEmpty()) return Optional.empty();
        Effect first = main.get().kind() != StatementKind.SELECT ? main.get()
                : parts.stream().filter(p -> p.kind() != StatementKind.SELECT).findFirst().orElse(main.get());
        Effect.Builder e = Effect.builder(first.kind()).merge(first);
        parts.forEach(e::merge);
        e.merge(main.get());
        boolean unknown = main.get().kind() == StatementKind.UNKNOWN || parts.stream().anyMatch(p -> p.kind() == StatementKind.UNKNOWN);
        Effect all = e.kind(unknown ? StatementKind.UNKNOWN : first.kind()).build();
        // A name the WITH defines is the query's own result, not a table: it takes no lock.
        return Optional.of(new Effect(all.kind(), all.subject(), all.locks().stream().filter(l -> !cteNames.contains(l.table())).toList(),
                all.unnamedLock(), all.work(), all.newStorage(), all.breaksApp(), all.transactional(), all.findings(), all.changes()));
    }

    private static Effect insert(SqlTokens sql) {
        TableName table = sql.tableName();
        Effect.Builder e = Effect.builder(StatementKind.INSERT);
        SourceTables.in(sql.remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        return e.subject(table, LockMode.ROW_EXCLUSIVE).change(new Change.Dml(table, "insert", null, null, false, false)).build();
    }

    private static Effect update(SqlTokens sql) {
        sql.accept("only");
        TableName table = sql.tableName();
        sql.textUntil("set");
        sql.accept("set");
        String set = sql.textUntil("from", "where", "returning");
        boolean joins = sql.peekWords("from");
        SqlTokens rest = sql.fork();
        Effect.Builder e = Effect.builder(StatementKind.UPDATE);
        SourceTables.in(rest.remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        sql.textUntil("where");
        String where = sql.accept("where") ? sql.textUntil("returning") : null;
        boolean many = manyRows(where, joins);
        return rows(e.subject(table, LockMode.ROW_EXCLUSIVE), table, where, joins, many, "UPDATE")
                .change(new Change.Dml(table, "update", set, where, many, joins)).build();
    }

    private static Effect delete(SqlTokens sql) {
        sql.accept("only");
        TableName table = sql.tableName();
        Effect.Builder e = Effect.builder(StatementKind.DELETE);
        SourceTables.in(sql.fork().remaining()).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
        boolean joins = sql.fork().containsWord("using");
        sql.textUntil("where");
        String where = sql.accept("where") ? sql.textUntil("returning") : null;
        boolean many = manyRows(where, joins);
        return rows(e.subject(table, LockMode.ROW_EXCLUSIVE), table, where, joins, many, "DELETE")
                .change(new Change.Dml(table, "delete", null, where, many, joins)).build();
    }

    private static Effect.Builder rows(Effect.Builder e, TableName table, String where, boolean joins, boolean many, String verb) {
        if (!many) return e;
        String alternative = "progressive: keyset batches of a few thousand rows, each its own transaction, paced by database health";
        if (where == null || PENDING_ONLY.matcher(where).matches()) {
            return e.work(Work.ROW_WRITES).finding(Finding.warning(FindingCode.BIG_BACKFILL, verb + " of every row of " + table
                    + " in one transaction holds a lock on each row until it commits: application writes to those rows wait", alternative));
        }
        String which = joins ? "the rows a join picks" : "rows a condition picks without pinning them by key";
        return e.work(Work.ROW_WRITES).finding(Finding.warning(FindingCode.BIG_BACKFILL, verb + " of " + which + " in " + table + " may touch "
                + "many rows in one transaction and holds a lock on each until it commits: application writes to those rows wait", alternative));
    }

    /**
     * True unless the WHERE pins rows by equality with constants ({@code id = 7}, {@code email IN ('a',
     * 'b')}) in one of its top-level AND terms and no join picks rows: a range, a subquery, a join or no
     * WHERE at all may touch every row.
     */
    static boolean manyRows(String where, boolean joins) {
        if (where == null || joins) return true;
        if (PENDING_ONLY.matcher(where).matches()) return true;
        for (String term : topLevelAnd(where)) {
            if (PINNED.matcher(term).matches()) return false;
        }
        return true;
    }

    private static java.util.List<String> topLevelAnd(String where) {
        java.util.List<String> terms = new java.util.ArrayList<>();
        SqlTokens t = SqlTokens.of(where);
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (var token : t.remaining()) {
            if (token.isSymbol("(")) depth++;
            if (token.isSymbol(")")) depth--;
            if (depth == 0 && token.isWord("and")) {
                terms.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(token.text()).append(' ');
        }
        terms.add(current.toString());
        return terms;
    }

}

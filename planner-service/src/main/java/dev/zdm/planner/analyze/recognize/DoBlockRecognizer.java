package dev.zdm.planner.analyze.recognize;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.parse.ParsedStatement;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code DO [LANGUAGE l] $$ body $$}: the SQL statements found in the PL/pgSQL body are analyzed
 * one by one and their effects merged, because a DO block is one transaction that holds every lock
 * it takes until it ends. Statements that cannot run in a transaction block (CREATE INDEX
 * CONCURRENTLY...) make PostgreSQL reject the block. Dynamic SQL ({@code EXECUTE}) cannot be seen
 * and is reported as unknown.
 */
final class DoBlockRecognizer implements Recognizer {
    private static final Set<String> COMMANDS = Set.of("alter", "create", "drop", "update", "insert", "delete", "truncate",
            "vacuum", "cluster", "reindex", "comment", "lock", "grant", "revoke", "refresh");
    private static final Set<String> BLOCK_WORDS = Set.of("begin", "then", "else", "loop", "exception", "declare");

    private final BiFunction<String, SchemaView, Effect> analyzer;

    /** @param analyzer analyzes one embedded statement with every recognizer */
    DoBlockRecognizer(BiFunction<String, SchemaView, Effect> analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("do")) return Optional.empty();
        if (sql.accept("language")) sql.name();
        Token body = sql.next();
        if (body == null || (body.type() != TokenType.DOLLAR_STRING && body.type() != TokenType.STRING)) {
            return Optional.of(Unknown.effect(sql.sql(), null));
        }
        Effect.Builder e = Effect.builder(StatementKind.DO_BLOCK);
        List<ParsedStatement> fragments;
        try {
            fragments = SqlSplitter.split("<do-block>", body.value());
        } catch (ZdmException unreadable) {
            return Optional.of(Unknown.effect(sql.sql(), null));
        }
        SchemaView scratch = new SchemaView(schema);
        int holding = 0;
        boolean writesRows = false;
        for (ParsedStatement fragment : fragments) {
            Effect inner = embedded(fragment.sql(), scratch, e);
            if (inner == null) continue;
            if (inner.locks().stream().anyMatch(l -> !scratch.isNew(l.table()) && l.mode() != dev.zdm.planner.analyze.LockMode.ACCESS_SHARE)) holding++;
            writesRows |= inner.work() == dev.zdm.planner.analyze.Work.ROW_WRITES && inner.subject() != null && !scratch.isNew(inner.subject());
        }
        if (holding > 1 || writesRows) {
            e.finding(Finding.warning(FindingCode.ONE_TRANSACTION, "a DO block is one transaction: every lock and row lock it takes is held until "
                    + "the whole block ends", "let zdm run the work as separate steps (batches in their own transactions)"));
        }
        return Optional.of(e.kind(StatementKind.DO_BLOCK).build());
    }

    /** Adds what one embedded statement does to {@code e}; returns its effect, or null when it is not a command. */
    private Effect embedded(String fragment, SchemaView schema, Effect.Builder e) {
        List<Token> tokens = SqlTokens.of(fragment).remaining();
        int start = commandStart(tokens);
        if (tokens.stream().anyMatch(t -> t.isWord("execute"))) {
            e.merge(Unknown.effect("dynamic SQL in a DO block: " + fragment, null));
        }
        if (start < 0) return null;
        Effect inner = analyzer.apply(fragment.substring(tokens.get(start).start()), schema);
        e.merge(inner);
        inner.changes().forEach(schema::apply);
        if (!inner.transactional()) {
            e.finding(Finding.danger(FindingCode.NOT_ALLOWED_IN_BLOCK, inner.kind() + " cannot run inside a DO block (a transaction block): "
                    + "PostgreSQL rejects it", "run it as its own statement; zdm does so for CREATE INDEX CONCURRENTLY"));
        }
        return inner;
    }

    /** Index of the first token of an embedded SQL command, or -1. */
    private static int commandStart(List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) depth++;
            if (t.isSymbol(")")) depth--;
            boolean startsHere = i == 0 || (depth == 0 && BLOCK_WORDS.contains(tokens.get(i - 1).value()) && tokens.get(i - 1).type() == TokenType.WORD);
            if (startsHere && t.type() == TokenType.WORD && COMMANDS.contains(t.value())) return i;
        }
        return -1;
    }
}

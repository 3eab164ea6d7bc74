package dev.zdm.planner.orchestrate;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.StatementAnalysis;
import dev.zdm.planner.parse.SqlLexer;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a target refuses unless its configuration allows it ({@code targets.<name>.allow}): statements
 * that act outside the database or on the whole server ({@code COPY ... PROGRAM} runs an operating
 * system command, {@code ALTER SYSTEM} changes the server's configuration, {@code CREATE/ALTER/DROP
 * ROLE|USER|GROUP} changes who may log in, {@code CREATE EXTENSION} installs code), and statements the
 * analyzer marks DANGER that a {@code strategy: direct} plan would run as written. Statements are read
 * as tokens (comments and quoting as PostgreSQL reads them), where a statement begins; dollar-quoted
 * bodies and the strings {@code EXECUTE} runs are read again the same way, so {@code DO $$ ... EXECUTE
 * 'COPY ...' $$} is caught too, and a sentence in a comment or a string literal is not. Dynamic SQL assembled from pieces can still hide a statement: a target role without superuser
 * is the real limit. Pure.
 */
final class TargetPolicy {
    /** Strings inside strings inside a body: deep enough for EXECUTE of a quoted statement in a DO block. */
    private static final int MAX_DEPTH = 3;

    private TargetPolicy() {
    }

    /** Fails with NOT_ALLOWED naming the statement and the allowance it needs when the plan does something {@code allowed} does not let it. */
    static void check(String target, List<StatementAnalysis> statements, Set<String> allowed) {
        for (StatementAnalysis s : statements) {
            Optional<String> needs = needs(s);
            if (needs.isPresent() && !allowed.contains(needs.get())) {
                throw new ZdmException(ErrorCode.NOT_ALLOWED, "statement " + (s.getIndex() + 1) + " needs '" + needs.get() + "', which target "
                        + target + " does not allow (targets." + target + ".allow): " + dev.zdm.domain.sql.Snippet.of(s.getSql()));
            }
        }
    }

    /** The allowance {@code statement} needs, if any. */
    static Optional<String> needs(StatementAnalysis s) {
        Optional<String> found = scan(s.getSql(), 0);
        if (found.isPresent()) return found;
        boolean danger = s.getFindings().stream().anyMatch(f -> f.startsWith("DANGER"));
        return danger && "direct".equals(s.getStrategy()) ? Optional.of("direct-danger") : Optional.empty();
    }

    private static Optional<String> scan(String sql, int depth) {
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize("policy", sql).stream().filter(t -> !t.isComment()).toList();
        } catch (ZdmException e) {
            return Optional.empty();
        }
        boolean copy = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.isSymbol(";")) copy = false;
            if (startsStatement(tokens, i)) {
                if (t.isWord("copy")) copy = true;
                if (next != null && t.isWord("alter") && next.isWord("system")) return Optional.of("alter-system");
                if (next != null && (t.isWord("create") || t.isWord("alter") || t.isWord("drop"))
                        && (next.isWord("role") || next.isWord("user") || next.isWord("group"))) {
                    return Optional.of("roles");
                }
                if (next != null && t.isWord("create") && next.isWord("extension")) return Optional.of("extensions");
            }
            if (copy && t.isWord("program")) return Optional.of("copy-program");
            if (depth < MAX_DEPTH && runsAsSql(tokens, i) && t.value() != null) {
                Optional<String> inner = scan(t.value(), depth + 1);
                if (inner.isPresent()) return inner;
            }
        }
        return Optional.empty();
    }

    /**
     * True where a statement may begin: the start of the text, after {@code ;}, or after a PL/pgSQL
     * word that a statement follows ({@code BEGIN}, {@code THEN}, {@code ELSE}, {@code LOOP}). A word
     * in the middle of a statement or of a sentence in a string is not a statement.
     */
    private static boolean startsStatement(List<Token> tokens, int i) {
        if (i == 0) return true;
        Token before = tokens.get(i - 1);
        return before.isSymbol(";") || before.isWord("begin") || before.isWord("then") || before.isWord("else") || before.isWord("loop");
    }

    /**
     * True for text PostgreSQL may run as SQL: a dollar-quoted body (DO, a function), or a string that
     * PL/pgSQL's {@code EXECUTE} runs or {@code format(} assembles. Other strings are data.
     */
    private static boolean runsAsSql(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.type() == TokenType.DOLLAR_STRING) return true;
        if (t.type() != TokenType.STRING || i == 0) return false;
        Token before = tokens.get(i - 1);
        return before.isWord("execute") || before.isSymbol("(") && i >= 2 && tokens.get(i - 2).isWord("format");
    }
}

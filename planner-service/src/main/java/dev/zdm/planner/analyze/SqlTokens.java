package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.parse.SqlLexer;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over one statement's tokens (comments dropped) with the small vocabulary recognizers
 * need: match key words, read names, skip parentheses, cut at top-level commas, and give back the
 * source text of a token range. Not thread-safe.
 */
public final class SqlTokens {
    private final String sql;
    private final List<Token> tokens;
    private int pos;

    private SqlTokens(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** Tokenizes {@code sql}; it must already be lexically valid (the splitter checked it). */
    public static SqlTokens of(String sql) {
        return new SqlTokens(sql, SqlLexer.tokenize("<statement>", sql).stream().filter(t -> !t.isComment()).toList());
    }

    /** A cursor over a sub-range of tokens, sharing the statement text. */
    private SqlTokens slice(int from, int to) {
        return new SqlTokens(sql, tokens.subList(from, to));
    }

    /** An independent cursor at the same position, for trying another reading. */
    public SqlTokens fork() {
        SqlTokens copy = new SqlTokens(sql, tokens);
        copy.pos = pos;
        return copy;
    }

    public boolean atEnd() {
        return pos >= tokens.size();
    }

    /** The token {@code ahead} positions from the cursor, or null past the end. */
    public Token peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    /** True when the next tokens are the unquoted words {@code words}, in order. */
    public boolean peekWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            Token t = peek(i);
            if (t == null || !t.isWord(words[i])) return false;
        }
        return true;
    }

    /** Consumes {@code words} when they come next; false (and nothing consumed) otherwise. */
    public boolean accept(String... words) {
        if (!peekWords(words)) return false;
        pos += words.length;
        return true;
    }

    public boolean acceptSymbol(String symbol) {
        Token t = peek(0);
        if (t == null || !t.isSymbol(symbol)) return false;
        pos++;
        return true;
    }

    /** Consumes and returns the next token (null at the end). */
    public Token next() {
        return atEnd() ? null : tokens.get(pos++);
    }

    /** Reads a name (word or quoted identifier) and returns its value, or null when the next token is not a name. */
    public String name() {
        Token t = peek(0);
        if (t == null || !t.isName()) return null;
        pos++;
        return t.value();
    }

    /** Reads {@code [schema.]name}; null when no name comes next. */
    public TableName tableName() {
        String first = name();
        if (first == null) return null;
        if (peek(0) != null && peek(0).isSymbol(".") && peek(1) != null && peek(1).isName()) {
            pos++;
            return new TableName(first, name());
        }
        return TableName.of(first);
    }

    /** Skips a parenthesized group starting at the cursor and returns its inner text, or null when none starts here. */
    public String parenthesized() {
        Token open = peek(0);
        if (open == null || !open.isSymbol("(")) return null;
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) depth++;
            if (t.isSymbol(")") && --depth == 0) {
                pos = i + 1;
                return sql.substring(open.end(), t.start()).strip();
            }
        }
        pos = tokens.size();
        return sql.substring(open.end()).strip();
    }

    /** The rest of the tokens split at commas outside parentheses; the cursor moves to the end. */
    public List<SqlTokens> splitTopLevel() {
        List<SqlTokens> parts = new ArrayList<>();
        int depth = 0;
        int start = pos;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) depth++;
            if (t.isSymbol(")") || t.isSymbol("]")) depth--;
            if (depth == 0 && t.isSymbol(",")) {
                parts.add(slice(start, i));
                start = i + 1;
            }
        }
        if (start < tokens.size()) parts.add(slice(start, tokens.size()));
        pos = tokens.size();
        return parts;
    }

    /** Source text from the cursor to the end. */
    public String rest() {
        return atEnd() ? "" : sql.substring(tokens.get(pos).start(), tokens.get(tokens.size() - 1).end());
    }

    /**
     * Source text from the cursor up to (not including) the first top-level unquoted word among
     * {@code stopWords}; the cursor moves to that word (or the end).
     */
    public String textUntil(String... stopWords) {
        int depth = 0;
        int start = pos;
        while (!atEnd()) {
            Token t = peek(0);
            if (t.isSymbol("(")) depth++;
            if (t.isSymbol(")")) depth--;
            if (depth == 0 && t.type() == TokenType.WORD && List.of(stopWords).contains(t.value())) break;
            pos++;
        }
        if (start >= pos) return "";
        return sql.substring(tokens.get(start).start(), tokens.get(pos - 1).end());
    }

    /** True when some remaining top-level token is the unquoted word {@code word}. */
    public boolean containsWord(String word) {
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) depth++;
            if (t.isSymbol(")")) depth--;
            if (depth == 0 && t.isWord(word)) return true;
        }
        return false;
    }

    /** The remaining tokens, for recognizers that scan freely. */
    public List<Token> remaining() {
        return tokens.subList(Math.min(pos, tokens.size()), tokens.size());
    }

    /** The whole statement text. */
    public String sql() {
        return sql;
    }
}

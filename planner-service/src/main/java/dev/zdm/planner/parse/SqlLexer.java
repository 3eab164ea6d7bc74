package dev.zdm.planner.parse;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns SQL text into tokens following PostgreSQL's lexical rules (manual, "SQL Syntax / Lexical
 * Structure"). Comments are kept as tokens so the splitter can read {@code -- @metadata} lines.
 * An unterminated string, quoted identifier, dollar quote or block comment throws
 * {@link ZdmException} with code {@link ErrorCode#SQL_PARSE} and the position where it started.
 * Not thread-safe; use one instance per text.
 */
public final class SqlLexer {
    private final String file;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int column = 1;

    private SqlLexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** All tokens of {@code text}, comments included, whitespace dropped. */
    public static List<Token> tokenize(String file, String text) {
        SqlLexer lexer = new SqlLexer(file == null ? "<input>" : file, text);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance(1);
            } else {
                scanToken(c);
            }
        }
    }

    private void scanToken(char c) {
        int start = pos;
        int startLine = line;
        int startColumn = column;
        TokenType type;
        String value = null;
        if (c == '-' && peek(1) == '-') {
            type = TokenType.LINE_COMMENT;
            int eol = text.indexOf('\n', pos);
            advance((eol < 0 ? text.length() : eol) - pos);
        } else if (c == '/' && peek(1) == '*') {
            type = TokenType.BLOCK_COMMENT;
            blockComment(startLine, startColumn);
        } else if (c == '\'') {
            type = TokenType.STRING;
            value = quoted('\'', false, "string literal", startLine, startColumn);
        } else if (c == '"') {
            type = TokenType.QUOTED_IDENTIFIER;
            value = quoted('"', false, "quoted identifier", startLine, startColumn);
            if (value.isEmpty()) throw error("zero-length delimited identifier \"\" (PostgreSQL refuses it)", startLine, startColumn);
        } else if (c == '$' && Character.isDigit(peek(1))) {
            type = TokenType.PARAMETER;
            advance(1);
            while (Character.isDigit(peek(0))) advance(1);
        } else if (c == '$' && dollarTagLength() > 0) {
            type = TokenType.DOLLAR_STRING;
            value = dollarQuoted(startLine, startColumn);
        } else if (isIdentifierStart(c)) {
            identifierOrPrefixedString(start, startLine, startColumn);
            return;
        } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            type = TokenType.NUMBER;
            number();
        } else if (c == '{' || c == '}') {
            // PostgreSQL has no such token outside strings: most often a template placeholder ({{ .Schema }}) not filled in.
            throw error("'" + c + "' is not PostgreSQL outside a string (a template placeholder not filled in?)", startLine, startColumn);
        } else {
            type = TokenType.SYMBOL;
            advance(c == ':' && peek(1) == ':' ? 2 : 1);
        }
        String raw = text.substring(start, pos);
        tokens.add(new Token(type, raw, value == null ? raw : value, start, pos, startLine, startColumn));
    }

    private void identifierOrPrefixedString(int start, int startLine, int startColumn) {
        while (pos < text.length() && isIdentifierPart(text.charAt(pos))) advance(1);
        String word = text.substring(start, pos);
        String lower = word.toLowerCase(Locale.ROOT);
        if (peek(0) == '\'' && (lower.equals("e") || lower.equals("b") || lower.equals("x") || lower.equals("n"))) {
            String body = quoted('\'', lower.equals("e"), "string literal", startLine, startColumn);
            tokens.add(new Token(TokenType.STRING, text.substring(start, pos), body, start, pos, startLine, startColumn));
        } else if (lower.equals("u") && peek(0) == '&' && (peek(1) == '\'' || peek(1) == '"')) {
            advance(1);
            boolean identifier = peek(0) == '"';
            String body = quoted(peek(0), false, identifier ? "quoted identifier" : "string literal", startLine, startColumn);
            TokenType type = identifier ? TokenType.QUOTED_IDENTIFIER : TokenType.STRING;
            if (identifier && body.isEmpty()) throw error("zero-length delimited identifier U&\"\" (PostgreSQL refuses it)", startLine, startColumn);
            tokens.add(new Token(type, text.substring(start, pos), body, start, pos, startLine, startColumn));
        } else {
            tokens.add(new Token(TokenType.WORD, word, lower, start, pos, startLine, startColumn));
        }
    }

    /** Reads a quoted token from the opening quote; a doubled quote is one quote; with backslashes, {@code \x} escapes. */
    private String quoted(char quote, boolean backslashEscapes, String what, int startLine, int startColumn) {
        StringBuilder body = new StringBuilder();
        advance(1);
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated " + what + "; close it with " + quote, startLine, startColumn);
            }
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < text.length()) {
                body.append(text.charAt(pos + 1));
                advance(2);
            } else if (c == quote && peek(1) == quote) {
                body.append(quote);
                advance(2);
            } else if (c == quote) {
                advance(1);
                return body.toString();
            } else {
                body.append(c);
                advance(1);
            }
        }
    }

    private void blockComment(int startLine, int startColumn) {
        int depth = 0;
        do {
            if (pos >= text.length()) {
                throw error("unterminated block comment; close it with */", startLine, startColumn);
            }
            if (text.startsWith("/*", pos)) {
                depth++;
                advance(2);
            } else if (text.startsWith("*/", pos)) {
                depth--;
                advance(2);
            } else {
                advance(1);
            }
        } while (depth > 0);
    }

    /** Length of a {@code $tag$} opener at the current position, or 0 when there is none. */
    private int dollarTagLength() {
        if (pos > 0 && isIdentifierPart(text.charAt(pos - 1))) return 0;
        int i = pos + 1;
        if (i < text.length() && text.charAt(i) != '$' && !isIdentifierStart(text.charAt(i))) return 0;
        while (i < text.length() && text.charAt(i) != '$') {
            if (!isIdentifierPart(text.charAt(i)) || text.charAt(i) == '$') return 0;
            i++;
        }
        return i < text.length() ? i + 1 - pos : 0;
    }

    private String dollarQuoted(int startLine, int startColumn) {
        String tag = text.substring(pos, pos + dollarTagLength());
        advance(tag.length());
        int close = text.indexOf(tag, pos);
        if (close < 0) {
            throw error("unterminated dollar-quoted string; close it with " + tag, startLine, startColumn);
        }
        String body = text.substring(pos, close);
        advance(close + tag.length() - pos);
        return body;
    }

    private void number() {
        while (Character.isDigit(peek(0)) || peek(0) == '.' || peek(0) == '_') advance(1);
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            advance(2);
            while (Character.isDigit(peek(0))) advance(1);
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance(int count) {
        for (int i = 0; i < count; i++) {
            if (text.charAt(pos) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            pos++;
        }
    }

    private ZdmException error(String message, int atLine, int atColumn) {
        return new ZdmException(ErrorCode.SQL_PARSE, message, new SourcePosition(file, atLine, atColumn).toString());
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }
}

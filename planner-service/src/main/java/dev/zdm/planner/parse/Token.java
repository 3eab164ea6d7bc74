package dev.zdm.planner.parse;

/**
 * One token of SQL text.
 *
 * @param type   what it is
 * @param text   the exact source text, quotes included
 * @param value  the meaning: an identifier folded to lower case for {@link TokenType#WORD}, the
 *               unquoted name or string body for quoted forms, otherwise the text
 * @param start  offset of the first character in the scanned text
 * @param end    offset just past the last character
 * @param line   1-based line of the first character
 * @param column 1-based column of the first character
 */
public record Token(TokenType type, String text, String value, int start, int end, int line, int column) {

    /** True for an unquoted word equal to {@code word}, ignoring case. */
    public boolean isWord(String word) {
        return type == TokenType.WORD && value.equals(word);
    }

    /** True for the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** True for comments, which carry no meaning for SQL. */
    public boolean isComment() {
        return type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT;
    }

    /** True for a name: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }
}

package dev.zdm.planner.parse;

/** The kinds of token the {@link SqlLexer} produces. */
public enum TokenType {
    /** An unquoted identifier or key word, e.g. {@code ALTER}, {@code users}. */
    WORD,
    /** A double-quoted identifier; {@link Token#value()} is the name with {@code ""} undone. */
    QUOTED_IDENTIFIER,
    /** A string constant ({@code '...'}, {@code E'...'}, {@code B'...'}, {@code X'...'}, {@code U&'...'}). */
    STRING,
    /** A dollar-quoted string; {@link Token#value()} is the body between the tags. */
    DOLLAR_STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAMETER,
    /** One punctuation or operator character, or {@code ::}. */
    SYMBOL,
    /** A {@code --} comment up to the end of its line. */
    LINE_COMMENT,
    /** A {@code /* ... *\/} comment, possibly nested. */
    BLOCK_COMMENT
}

package dev.zdm.planner.parse;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements at semicolons that are outside parentheses, quotes,
 * comments, dollar-quoted bodies and SQL-standard {@code BEGIN ATOMIC ... END} function bodies.
 * Attaches each {@code -- @metadata {...}} comment to the statements after it.
 *
 * <p>Errors: {@code SQL_PARSE} for unterminated lexical forms or an unclosed parenthesis,
 * {@code BAD_METADATA} for a bad metadata comment or one placed inside a statement; both located
 * {@code file:line:column}. Stateless and thread-safe.
 */
public final class SqlSplitter {
    private static final String MARKER = "@metadata";

    private SqlSplitter() {
    }

    /** The statements of {@code text}, named {@code file} in error locations. */
    public static List<ParsedStatement> split(String file, String text) {
        String name = file == null ? "<input>" : file;
        List<ParsedStatement> out = new ArrayList<>();
        Metadata metadata = Metadata.NONE;
        StatementBuffer current = new StatementBuffer();
        for (Token token : SqlLexer.tokenize(name, text)) {
            if (token.type() == TokenType.LINE_COMMENT && isMetadata(token)) {
                if (!current.isEmpty()) {
                    throw MetadataParser.bad("a @metadata comment must stand between statements, not inside one",
                            new SourcePosition(name, token.line(), token.column()));
                }
                metadata = metadata(name, token);
            } else if (token.isComment()) {
                continue;
            } else if (token.isSymbol(";") && current.atTopLevel()) {
                current.emit(name, text, metadata, out);
                current = new StatementBuffer();
            } else {
                current.add(token, name);
            }
        }
        current.emit(name, text, metadata, out);
        return List.copyOf(out);
    }

    private static boolean isMetadata(Token comment) {
        return comment.text().substring(2).stripLeading().startsWith(MARKER);
    }

    private static Metadata metadata(String file, Token comment) {
        String afterDashes = comment.text().substring(2);
        int markerAt = 2 + afterDashes.indexOf(MARKER);
        int jsonAt = markerAt + MARKER.length();
        String json = comment.text().substring(jsonAt);
        int lead = json.length() - json.stripLeading().length();
        return MetadataParser.parse(json.strip(), new SourcePosition(file, comment.line(), comment.column() + jsonAt + lead));
    }

    /** The meaningful tokens of the statement being read, with the nesting that decides whether a semicolon ends it. */
    private static final class StatementBuffer {
        private final List<Token> tokens = new ArrayList<>();
        private int parens;
        private int atomic;

        boolean isEmpty() {
            return tokens.isEmpty();
        }

        boolean atTopLevel() {
            return parens == 0 && atomic == 0;
        }

        void add(Token token, String file) {
            if (token.isSymbol("(")) parens++;
            if (token.isSymbol(")")) {
                if (parens == 0) {
                    throw new ZdmException(ErrorCode.SQL_PARSE,
                            "')' without a matching '('", new SourcePosition(file, token.line(), token.column()).toString());
                }
                parens--;
            }
            trackAtomic(token);
            tokens.add(token);
        }

        private void trackAtomic(Token token) {
            if (atomic == 0) {
                boolean opens = token.isWord("atomic") && !tokens.isEmpty()
                        && tokens.get(tokens.size() - 1).isWord("begin") && tokens.get(0).isWord("create");
                if (opens) atomic = 1;
            } else if (token.isWord("case")) {
                atomic++;
            } else if (token.isWord("end")) {
                atomic--;
            }
        }

        void emit(String file, String text, Metadata metadata, List<ParsedStatement> out) {
            if (tokens.isEmpty()) return;
            Token first = tokens.get(0);
            if (parens > 0) {
                throw new ZdmException(ErrorCode.SQL_PARSE,
                        "statement ends with " + parens + " unclosed '('", new SourcePosition(file, first.line(), first.column()).toString());
            }
            Token last = tokens.get(tokens.size() - 1);
            String sql = text.substring(first.start(), last.end());
            out.add(new ParsedStatement(out.size(), sql, new SourcePosition(file, first.line(), first.column()), metadata));
        }
    }
}

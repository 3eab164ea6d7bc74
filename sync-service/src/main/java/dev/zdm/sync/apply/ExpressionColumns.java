package dev.zdm.sync.apply;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The columns a mapping expression reads: every identifier of the expression (outside string
 * literals) that names a column of the table. An over-approximation (a function named like a column
 * counts too), which is the safe side: a watched column too many only means an extra idempotent apply.
 */
public final class ExpressionColumns {
    private ExpressionColumns() {
    }

    /** The members of {@code columns} that {@code expression} refers to, in order of appearance. */
    public static Set<String> referenced(String expression, Set<String> columns) {
        Set<String> out = new LinkedHashSet<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '\'') {
                i = skipQuoted(expression, i, '\'');
            } else if (c == '"') {
                int end = skipQuoted(expression, i, '"');
                String name = expression.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
                if (columns.contains(name)) out.add(name);
                i = end;
            } else if (c == '$' && dollarTag(expression, i) != null) {
                String tag = dollarTag(expression, i);
                int close = expression.indexOf(tag, i + tag.length());
                i = close < 0 ? n : close + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_' || expression.charAt(i) == '$')) i++;
                String word = expression.substring(start, i).toLowerCase(Locale.ROOT);
                if (columns.contains(word)) out.add(word);
            } else {
                i++;
            }
        }
        return out;
    }

    /** Index just past the closing {@code quote} of the quoted text starting at {@code start}; doubled quotes stay inside. */
    private static int skipQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /** The dollar-quote tag ({@code $$} or {@code $name$}) starting at {@code start}, or null. */
    private static String dollarTag(String s, int start) {
        int i = start + 1;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        if (i < s.length() && s.charAt(i) == '$' && (i == start + 1 || !Character.isDigit(s.charAt(start + 1)))) return s.substring(start, i + 1);
        return null;
    }
}

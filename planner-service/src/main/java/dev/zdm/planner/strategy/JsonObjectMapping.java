package dev.zdm.planner.strategy;

import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.TableStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inverse of a {@code jsonb_build_object('key', column, ...)} mapping of plain columns (the shape
 * the strategy guide's blue-green example folds {@code first_name, last_name, phone} into), so a
 * reverse sync can write a restructured table's changes back to the retired one.
 */
final class JsonObjectMapping {
    private static final Pattern CALL = Pattern.compile("(?is)^\\s*jsonb?_build_object\\s*\\((.*)\\)\\s*$");
    private static final Pattern KEY = Pattern.compile("^'([^']*)'$");
    private static final java.util.Set<String> TEXT_TYPES = java.util.Set.of("text", "character varying", "varchar");

    private JsonObjectMapping() {
    }

    /** Blue column to {@code (greenColumn->>'key')[::type]}; null when {@code expression} is not such a call. */
    static Map<String, String> reverse(String greenColumn, String expression, Optional<TableStats> blue) {
        Matcher call = CALL.matcher(expression);
        if (!call.matches()) return null;
        List<String> args = splitTopLevel(call.group(1));
        if (args.isEmpty() || args.size() % 2 != 0) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            Matcher key = KEY.matcher(args.get(i).strip());
            SqlTokens value = SqlTokens.of(args.get(i + 1));
            String column = value.name();
            if (!key.matches() || column == null || !value.atEnd()) return null;
            String read = "(" + SqlText.q(greenColumn) + " ->> " + SqlText.lit(key.group(1)) + ")";
            String type = blue.flatMap(t -> t.column(column)).map(ColumnInfo::type).orElse("text");
            out.put(column, TEXT_TYPES.stream().anyMatch(type::startsWith) ? read : read + "::" + type);
        }
        return out;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) parts.add(text.substring(start));
        return parts;
    }
}

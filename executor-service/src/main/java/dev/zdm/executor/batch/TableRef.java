package dev.zdm.executor.batch;

import dev.zdm.domain.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table named by a plan: {@code orders}, {@code shop.orders} or with double-quoted parts such as
 * {@code "Shop"."Order.Lines"}. Unquoted parts are taken as exact catalog names (the planner reads
 * them from the catalog), so {@code Orders} means the table whose name is {@code Orders}.
 *
 * @param schema the schema, or null for the search path
 * @param name   the table name
 */
public record TableRef(String schema, String name) {
    public TableRef {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || (schema != null && schema.isEmpty())) throw new IllegalArgumentException("empty table name part");
    }

    /** Parses {@code [schema.]name}; a dot inside double quotes belongs to the name. */
    public static TableRef parse(String text) {
        List<String> parts = split(Objects.requireNonNull(text, "table").trim());
        return switch (parts.size()) {
            case 1 -> new TableRef(null, parts.get(0));
            case 2 -> new TableRef(parts.get(0), parts.get(1));
            default -> throw new IllegalArgumentException("table '" + text + "' must be name or schema.name");
        };
    }

    /** The name as SQL, each part quoted where needed. */
    public String sql() {
        return Identifiers.qualified(schema, name);
    }

    /** For {@code to_regclass($1)}: the same text, which PostgreSQL parses as an identifier chain. */
    public String regclassText() {
        return sql();
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote in table name '" + text + "'");
        parts.add(current.toString());
        return parts;
    }
}

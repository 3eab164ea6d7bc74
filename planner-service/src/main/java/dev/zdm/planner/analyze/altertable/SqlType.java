package dev.zdm.planner.analyze.altertable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A column type reduced to PostgreSQL's internal name and its modifiers, so that
 * {@code VARCHAR(255)}, {@code character varying(255)} and {@code varchar (255)} compare equal.
 *
 * @param base      internal name, e.g. {@code varchar}, {@code numeric}, {@code int8}
 * @param modifiers type modifiers in order (length, precision, scale); empty when unconstrained
 * @param array     true for an array type
 */
record SqlType(String base, List<Integer> modifiers, boolean array) {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
            Map.entry("integer", "int4"), Map.entry("int", "int4"), Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"), Map.entry("decimal", "numeric"), Map.entry("boolean", "bool"),
            Map.entry("real", "float4"), Map.entry("double precision", "float8"), Map.entry("float", "float8"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"), Map.entry("serial", "int4"), Map.entry("bigserial", "int8"),
            Map.entry("smallserial", "int2"), Map.entry("serial4", "int4"), Map.entry("serial8", "int8"),
            Map.entry("serial2", "int2"));

    /** Parses a type as written in DDL or printed by {@code format_type()}. */
    static SqlType parse(String written) {
        String t = written.toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s+", " ").strip();
        if (t.startsWith("pg_catalog.")) t = t.substring("pg_catalog.".length());
        boolean array = t.endsWith("[]");
        if (array) t = t.substring(0, t.length() - 2).strip();
        List<Integer> mods = new ArrayList<>();
        int open = t.indexOf('(');
        if (open >= 0) {
            int close = t.indexOf(')', open);
            for (String m : t.substring(open + 1, close < 0 ? t.length() : close).split(",")) {
                try {
                    mods.add(Integer.parseInt(m.strip()));
                } catch (NumberFormatException e) {
                    mods.add(-1);
                }
            }
            t = (t.substring(0, open) + (close < 0 ? "" : t.substring(close + 1))).replaceAll("\\s+", " ").strip();
        }
        if ((t.equals("bpchar") || t.equals("char") || t.equals("character")) && mods.isEmpty() && !written.toLowerCase(Locale.ROOT).contains("bpchar")) {
            mods.add(1);
        }
        return new SqlType(ALIASES.getOrDefault(t, t), List.copyOf(mods), array);
    }

    /** The modifier at {@code i}, or -1 when unconstrained there. */
    int modifier(int i) {
        return i < modifiers.size() ? modifiers.get(i) : -1;
    }
}

package dev.zdm.domain.sql;

import java.util.regex.Pattern;

/** Quoting of PostgreSQL identifiers and literals for SQL that zdm builds itself. */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Identifiers() {
    }

    /** {@code name} as an identifier: left bare when PostgreSQL would fold it to itself, else double-quoted. */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("identifier must not be empty");
        if (PLAIN.matcher(name).matches() && !Keywords.isReserved(name)) return name;
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, each part quoted as needed; a null schema gives just the name. */
    public static String qualified(String schema, String name) {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** A string literal, with single quotes doubled. */
    public static String literal(String value) {
        if (value == null) return "NULL";
        return "'" + value.replace("'", "''") + "'";
    }
}

package dev.zdm.sync.verify;

import static dev.zdm.domain.sql.Identifiers.quote;

import dev.zdm.sync.apply.Link;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of a verify. Source rows are rendered through the mapping (each expression cast to its
 * target column's type, so both sides print alike), target rows from the mapped columns; both as
 * {@code ROW(...)::text}, ordered by key. Range bounds: lower exclusive, upper inclusive, either open.
 */
final class VerifySql {
    private VerifySql() {
    }

    /** Count and checksum of the source side of a range. Parameters: lower key (if any), upper key (if any). */
    static String sourceChecksum(Link link, boolean lower, boolean upper) {
        return checksum(link.source().qualified(), sourceRow(link), link, lower, upper);
    }

    /** Count and checksum of the target side of a range. Parameters: lower key (if any), upper key (if any). */
    static String targetChecksum(Link link, boolean lower, boolean upper) {
        return checksum(link.target().qualified(), targetRow(link), link, lower, upper);
    }

    /**
     * The first key of a range (as text) whose row differs between the sides or exists on one side only.
     * Parameters: lower/upper for the source side, then again for the target side.
     */
    static String firstDifference(Link link, boolean lower, boolean upper) {
        String keys = keyList(link);
        String s = "SELECT " + keys + ", " + sourceRow(link) + " AS r FROM " + link.source().qualified() + where(link, lower, upper);
        String t = "SELECT " + keys + ", " + targetRow(link) + " AS r FROM " + link.target().qualified() + where(link, lower, upper);
        String using = link.keyColumns().stream().map(k -> quote(k)).collect(Collectors.joining(", "));
        return "SELECT " + keyTexts(link) + " FROM (" + s + ") AS zdm_s FULL JOIN (" + t + ") AS zdm_t USING (" + using + ") "
                + "WHERE zdm_s.r IS DISTINCT FROM zdm_t.r ORDER BY " + using + " LIMIT 1";
    }

    /** The key (as text) {@code n} rows past the lower bound, or the last when fewer remain. Parameters: lower (if any), n. */
    static String boundary(Link link, boolean lower) {
        String keys = keyList(link);
        return "SELECT " + keyTexts(link) + " FROM (SELECT " + keys + " FROM " + link.source().qualified() + where(link, lower, false)
                + " ORDER BY " + keys + " LIMIT ?) AS zdm_b ORDER BY " + keys.replace(", ", " DESC, ") + " DESC LIMIT 1";
    }

    /**
     * The key columns as text, named {@code zdm_k0..n}: were an output column named like the key, an
     * {@code ORDER BY} of the key would sort that text ("999" after "1000") instead of the key's own type.
     */
    private static String keyTexts(Link link) {
        List<String> keys = link.keyColumns();
        return IntStream.range(0, keys.size()).mapToObj(i -> quote(keys.get(i)) + "::text AS zdm_k" + i).collect(Collectors.joining(", "));
    }

    private static String checksum(String table, String row, Link link, boolean lower, boolean upper) {
        return "SELECT count(*), coalesce(md5(string_agg(" + row + ", '|' ORDER BY " + keyList(link) + ")), '') FROM " + table
                + where(link, lower, upper);
    }

    private static String sourceRow(Link link) {
        List<String> parts = link.mapping().entrySet().stream()
                .map(e -> "(" + e.getValue() + ")::" + link.targetType(e.getKey())).toList();
        return "ROW(" + String.join(", ", parts) + ")::text";
    }

    private static String targetRow(Link link) {
        return "ROW(" + link.mapping().keySet().stream().map(c -> quote(c)).collect(Collectors.joining(", ")) + ")::text";
    }

    private static String where(Link link, boolean lower, boolean upper) {
        if (!lower && !upper) return "";
        String tuple = "(" + keyList(link) + ")";
        String params = "(" + link.keyTypes().stream().map(t -> "?::" + t).collect(Collectors.joining(", ")) + ")";
        if (lower && upper) return " WHERE " + tuple + " > " + params + " AND " + tuple + " <= " + params;
        return " WHERE " + tuple + (lower ? " > " : " <= ") + params;
    }

    private static String keyList(Link link) {
        return link.keyColumns().stream().map(k -> quote(k)).collect(Collectors.joining(", "));
    }
}

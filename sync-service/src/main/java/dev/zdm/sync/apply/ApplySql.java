package dev.zdm.sync.apply;

import static dev.zdm.domain.sql.Identifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of every apply, built from a {@link Link}. Keys are bound as one text array per key column
 * ({@code ?::text[]}) and cast to the key's type, so one statement handles a whole batch. Mapping
 * expressions are cast to their target column's type, as an INSERT or UPDATE would assign them, and
 * stay unqualified: they read the source row the statement selects.
 */
public final class ApplySql {
    private ApplySql() {
    }

    /**
     * Dual-write: the target columns of every key in the batch set from the row's current source
     * columns, skipping rows already equal (so zdm's echo writes nothing). Parameters: the key arrays.
     */
    public static String dualWrite(Link link) {
        String table = link.source().qualified();
        String sets = link.mapping().entrySet().stream()
                .map(e -> quote(e.getKey()) + " = " + cast(e.getValue(), link.targetType(e.getKey())))
                .collect(Collectors.joining(", "));
        return "UPDATE " + table + " SET " + sets + " FROM " + keys(link) + " AS zdm_k WHERE " + keyJoin(link, table)
                + " AND " + distinct(targets(link, table), expressions(link));
    }

    /**
     * Blue-green: every key of the batch that the source has is upserted into the target from the
     * source's current row; unchanged rows are not rewritten. Rows go in key order, as the initial
     * copy's do, so the two never wait for each other's uncommitted keys in a cycle. Parameters: the key arrays.
     */
    public static String upsert(Link link) {
        String source = link.source().qualified();
        String target = link.target().qualified();
        String columns = link.mapping().keySet().stream().map(c -> quote(c)).collect(Collectors.joining(", "));
        String select = expressions(link).stream().collect(Collectors.joining(", "));
        String keyTuple = tuple(link.keyColumns().stream().map(k -> source + "." + quote(k)).toList());
        String keyList = tuple(IntStream.range(0, link.keyColumns().size()).mapToObj(i -> "zdm_k.zdm_k" + i).toList());
        return "INSERT INTO " + target + " (" + columns + ") SELECT " + select + " FROM " + source + " WHERE " + keyTuple
                + " IN (SELECT " + keyList.substring(1, keyList.length() - 1) + " FROM " + keys(link) + " AS zdm_k) ORDER BY "
                + keyTuple.substring(1, keyTuple.length() - 1) + " " + onConflictUpdate(link);
    }

    /** Blue-green: every key of the batch that the source no longer has is deleted from the target. Parameters: the key arrays. */
    public static String delete(Link link) {
        String source = link.source().qualified();
        String target = link.target().qualified();
        String inSource = IntStream.range(0, link.keyColumns().size())
                .mapToObj(i -> source + "." + quote(link.keyColumns().get(i)) + " = zdm_k.zdm_k" + i).collect(Collectors.joining(" AND "));
        return "DELETE FROM " + target + " USING " + keys(link) + " AS zdm_k WHERE " + keyJoin(link, target)
                + " AND NOT EXISTS (SELECT 1 FROM " + source + " WHERE " + inSource + ")";
    }

    /**
     * The initial copy's batch: source rows in {@code (lower, upper]} key order copied into the target
     * unless the stream put them there first. {@code FOR KEY SHARE} holds off a concurrent delete of a
     * copied row until the batch commits, so the delete's change event comes after the copy and removes
     * the row again; concurrent updates are not blocked (their upsert waits for the copied row and then
     * wins). Parameters: the lower bound's key values (when {@code withLower}), then the upper bound's.
     */
    public static String copyBatch(Link link, boolean withLower) {
        String source = link.source().qualified();
        String target = link.target().qualified();
        String columns = link.mapping().keySet().stream().map(c -> quote(c)).collect(Collectors.joining(", "));
        String keyTuple = tuple(link.keyColumns().stream().map(k -> source + "." + quote(k)).toList());
        String where = (withLower ? keyTuple + " > " + params(link) + " AND " : "") + keyTuple + " <= " + params(link);
        return "INSERT INTO " + target + " (" + columns + ") SELECT " + String.join(", ", expressions(link)) + " FROM " + source
                + " WHERE " + where + " ORDER BY " + keyTuple.substring(1, keyTuple.length() - 1) + " FOR KEY SHARE OF "
                + quote(link.source().name()) + " ON CONFLICT (" + link.keyColumns().stream().map(c -> quote(c)).collect(Collectors.joining(", "))
                + ") DO NOTHING";
    }

    /**
     * The key (as text, one column per key column) of the source row {@code batchSize} rows after the
     * lower bound, or of the last row up to the copy's end key when fewer remain. Parameters: the lower
     * bound (when {@code withLower}), the end key, then the batch size. The outer ORDER BY names the
     * subquery's columns qualified: unqualified, it would sort by the text output column of the same name
     * ("999" after "1000").
     */
    public static String copyBoundary(Link link, boolean withLower) {
        String source = link.source().qualified();
        String keyTuple = tuple(link.keyColumns().stream().map(k -> quote(k)).toList());
        String order = keyTuple.substring(1, keyTuple.length() - 1);
        String texts = link.keyColumns().stream().map(k -> "zdm_b." + quote(k) + "::text").collect(Collectors.joining(", "));
        String descending = link.keyColumns().stream().map(k -> "zdm_b." + quote(k) + " DESC").collect(Collectors.joining(", "));
        String where = (withLower ? keyTuple + " > " + params(link) + " AND " : "") + keyTuple + " <= " + params(link);
        return "SELECT " + texts + " FROM (SELECT " + order + " FROM " + source + " WHERE " + where
                + " ORDER BY " + order + " LIMIT ?) AS zdm_b ORDER BY " + descending + " LIMIT 1";
    }

    /**
     * The source's largest key now (as text, one column per key column), where the initial copy ends; no
     * row when the source is empty. Ordered by the qualified key, its own type, not by the text output.
     */
    public static String copyEnd(Link link) {
        String source = link.source().qualified();
        String texts = link.keyColumns().stream().map(k -> source + "." + quote(k) + "::text").collect(Collectors.joining(", "));
        String order = link.keyColumns().stream().map(k -> source + "." + quote(k) + " DESC").collect(Collectors.joining(", "));
        return "SELECT " + texts + " FROM " + source + " ORDER BY " + order + " LIMIT 1";
    }

    /** {@code (?::type, ...)}: one key tuple as parameters. */
    static String params(Link link) {
        return tuple(link.keyTypes().stream().map(t -> "?::" + t).toList());
    }

    /** The batch's keys as a relation with columns {@code zdm_k0..n}, from one text array per key column. */
    static String keys(Link link) {
        List<String> types = link.keyTypes();
        String casts = IntStream.range(0, types.size()).mapToObj(i -> "u.k" + i + "::" + types.get(i) + " AS zdm_k" + i)
                .collect(Collectors.joining(", "));
        String arrays = types.stream().map(t -> "?::text[]").collect(Collectors.joining(", "));
        String names = IntStream.range(0, types.size()).mapToObj(i -> "k" + i).collect(Collectors.joining(", "));
        return "(SELECT " + casts + " FROM unnest(" + arrays + ") AS u(" + names + "))";
    }

    private static String keyJoin(Link link, String table) {
        return IntStream.range(0, link.keyColumns().size())
                .mapToObj(i -> table + "." + quote(link.keyColumns().get(i)) + " = zdm_k.zdm_k" + i)
                .collect(Collectors.joining(" AND "));
    }

    private static String onConflictUpdate(Link link) {
        String conflict = "ON CONFLICT (" + link.keyColumns().stream().map(c -> quote(c)).collect(Collectors.joining(", ")) + ")";
        List<String> rest = link.mapping().keySet().stream().filter(c -> !link.keyColumns().contains(c)).toList();
        if (rest.isEmpty()) return conflict + " DO NOTHING";
        String table = link.target().qualified();
        String sets = rest.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
        return conflict + " DO UPDATE SET " + sets + " WHERE " + distinct(rest.stream().map(c -> table + "." + quote(c)).toList(),
                rest.stream().map(c -> "EXCLUDED." + quote(c)).toList());
    }

    private static List<String> expressions(Link link) {
        List<String> out = new ArrayList<>();
        link.mapping().forEach((column, expression) -> out.add(cast(expression, link.targetType(column))));
        return out;
    }

    private static List<String> targets(Link link, String table) {
        return link.mapping().keySet().stream().map(c -> table + "." + quote(c)).toList();
    }

    private static String cast(String expression, String type) {
        return "(" + expression + ")::" + type;
    }

    private static String distinct(List<String> left, List<String> right) {
        return "ROW(" + String.join(", ", left) + ") IS DISTINCT FROM ROW(" + String.join(", ", right) + ")";
    }

    private static String tuple(List<String> parts) {
        return "(" + String.join(", ", parts) + ")";
    }
}

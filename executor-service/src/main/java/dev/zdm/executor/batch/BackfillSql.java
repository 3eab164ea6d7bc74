package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.Step;
import java.util.Objects;

/**
 * The SQL of one keyset backfill, built once from the plan's step and the key column's type. Pure.
 *
 * <p>A batch is two statements in one short transaction: a probe that finds the batch's upper key
 * by walking at most {@code n} index entries from the last key done ({@code ORDER BY key LIMIT 1
 * OFFSET n-1}, never an OFFSET from the start of the table), then an {@code UPDATE} bounded on both
 * sides by key. Keys travel as text and are cast to the key's type on the server.
 */
public final class BackfillSql {
    private final TableName table;
    private final KeyColumn key;
    private final String setClause;
    private final String pending;

    public BackfillSql(Step.Backfill step, KeyColumn key) {
        this.table = step.table();
        this.key = Objects.requireNonNull(key, "key");
        this.setClause = step.setClause();
        this.pending = step.pendingPredicate() == null || step.pendingPredicate().isBlank() ? "TRUE" : step.pendingPredicate();
    }

    /** The key column's type and category. Parameters: $1 table (regclass text), $2 column name. */
    public static String keyTypeQuery() {
        return "SELECT format_type(a.atttypid, a.atttypmod) AS key_type, (t.typcategory = 'N') AS numeric"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped";
    }

    /** The planner's row estimate (-1 when never analyzed). Parameter: $1 table (regclass text). */
    public static String rowEstimateQuery() {
        return "SELECT reltuples::bigint AS estimate FROM pg_class WHERE oid = to_regclass($1)";
    }

    /**
     * The smallest and largest key as text; both null on an empty table. Two index probes; written
     * with {@code ORDER BY ... LIMIT 1} because {@code min()}/{@code max()} do not exist for every
     * ordered type (uuid before PostgreSQL 18).
     */
    public String boundsQuery() {
        return "SELECT (" + edgeKey("") + ") AS lo, (" + edgeKey(" DESC") + ") AS hi";
    }

    private String edgeKey(String direction) {
        // qualified, so ORDER BY sorts by the key's own type, not by its text output column
        String k = "src." + key.sql();
        return "SELECT " + k + "::text FROM " + table.qualified() + " AS src WHERE " + k + " IS NOT NULL ORDER BY " + k + direction + " LIMIT 1";
    }

    /**
     * The key at the {@code $1} fraction of the keys up to {@code $2}, for rollouts over keys that
     * have no arithmetic (text, uuid). Scans the key index once when the run starts.
     */
    public String percentileQuery() {
        return "SELECT (percentile_disc($1::float8) WITHIN GROUP (ORDER BY " + key.sql() + "))::text AS k FROM " + table.qualified()
                + " WHERE " + key.sql() + " <= " + key.param(2);
    }

    /** True when key {@code $1} is at or past key {@code $2}, compared as the key's type. */
    public String atOrPastQuery() {
        return "SELECT " + key.param(1) + " >= " + key.param(2) + " AS done";
    }

    /**
     * The upper key of the next batch: the {@code $3 + 1}-th key after {@code $1} and not past
     * {@code $2}; no row when fewer keys remain (the batch then ends at {@code $2}).
     *
     * @param fromInclusive true for the first batch, which starts at the range's minimum itself
     */
    public String probeQuery(boolean fromInclusive) {
        String k = "src." + key.sql();
        return "SELECT " + k + "::text AS k FROM " + table.qualified() + " AS src"
                + " WHERE " + k + (fromInclusive ? " >= " : " > ") + key.param(1) + " AND " + k + " <= " + key.param(2)
                + " ORDER BY " + k + " LIMIT 1 OFFSET $3";
    }

    /**
     * Updates (or, for a batched delete, deletes) the pending rows with keys in ({@code $1}, {@code $2}]
     * (or [$1, $2] for the first batch).
     */
    public String updateQuery(boolean fromInclusive) {
        return (setClause == null ? "DELETE FROM " + table.qualified() : "UPDATE " + table.qualified() + " SET " + setClause)
                + " WHERE " + key.sql() + (fromInclusive ? " >= " : " > ") + key.param(1)
                + " AND " + key.sql() + " <= " + key.param(2) + " AND (" + pending + ")";
    }

    /** Pending rows with keys past {@code $1}: what the application added after the range was bounded. */
    public String pastBoundQuery() {
        return "SELECT count(*) AS n FROM " + table.qualified() + " WHERE " + key.sql() + " > " + key.param(1) + " AND (" + pending + ")";
    }

    public TableName table() {
        return table;
    }

    public KeyColumn key() {
        return key;
    }
}

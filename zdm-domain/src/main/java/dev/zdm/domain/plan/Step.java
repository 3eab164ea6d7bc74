package dev.zdm.domain.plan;

import dev.zdm.domain.sql.TableName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One executable step of a phase. A closed set: the executor and the sync service switch over it
 * exhaustively. Every step's {@link #id()} is stable for the life of the plan, which is what makes
 * a re-delivered step harmless (its completion is recorded under that id).
 */
public sealed interface Step {

    /** Lock timeout for DDL when a plan does not say: short, so a DDL never queues in front of the application for long. */
    long DEFAULT_LOCK_TIMEOUT_MS = 500;

    /** Stable id, unique within the plan, e.g. {@code p2.s1}. */
    String id();

    /** One line for logs and progress events. */
    String describe();

    /**
     * SQL run as one statement (or one simple-protocol batch) with {@code lock_timeout}.
     *
     * @param transactional false for statements that cannot run in a transaction block
     * @param removes       for an undo step, the object it removes, which it may remove only when the
     *                      migration made it; null when it removes nothing found in place
     */
    record Sql(String id, String sql, boolean transactional, long lockTimeoutMs, long statementTimeoutMs, Removes removes) implements Step {
        public Sql {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sql, "sql");
            if (lockTimeoutMs < 0 || statementTimeoutMs < 0) throw new IllegalArgumentException("timeouts must not be negative");
        }

        /** A step that removes nothing the migration may have found in place. */
        public Sql(String id, String sql, boolean transactional, long lockTimeoutMs, long statementTimeoutMs) {
            this(id, sql, transactional, lockTimeoutMs, statementTimeoutMs, null);
        }

        public static Sql of(String id, String sql) {
            return new Sql(id, sql, true, DEFAULT_LOCK_TIMEOUT_MS, 0);
        }

        /** The same step, removing {@code object}. */
        public Sql removing(Removes object) {
            return new Sql(id, sql, transactional, lockTimeoutMs, statementTimeoutMs, object);
        }

        @Override
        public String describe() {
            return "sql: " + oneLine(sql);
        }
    }

    /**
     * {@code CREATE INDEX CONCURRENTLY}: outside any transaction; on failure the INVALID index it
     * leaves is dropped concurrently before the step is retried.
     */
    record CreateIndexConcurrently(String id, String schema, String indexName, String sql) implements Step {
        public CreateIndexConcurrently {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(indexName, "indexName");
            Objects.requireNonNull(sql, "sql");
            schema = schema == null ? "public" : schema;
        }

        @Override
        public String describe() {
            return "create index concurrently " + indexName;
        }
    }

    /**
     * A keyset backfill: {@code UPDATE table SET setClause WHERE pendingPredicate} in short batches
     * over {@code keyColumn}, bounded at the key range seen when the step starts; with no
     * {@code setClause}, a batched {@code DELETE FROM table WHERE pendingPredicate} instead.
     *
     * @param setClause        what to set, or null to delete the pending rows
     * @param pendingPredicate rows still to do, e.g. {@code status IS NULL}; makes a re-run a no-op
     */
    record Backfill(String id, TableName table, String keyColumn, String setClause, String pendingPredicate,
                    BatchOptions options) implements Step {
        public Backfill {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(keyColumn, "keyColumn");
            Objects.requireNonNull(options, "options");
            if (setClause == null && (pendingPredicate == null || pendingPredicate.isBlank())) {
                throw new IllegalArgumentException("a batched delete needs the predicate of the rows it deletes");
            }
        }

        /** True when the batches delete the pending rows rather than update them. */
        public boolean deletes() {
            return setClause == null;
        }

        @Override
        public String describe() {
            return deletes() ? "batched delete from " + table + " where " + oneLine(pendingPredicate) : "backfill " + table + " set " + oneLine(setClause);
        }
    }

    /**
     * A keyset-batched copy of existing rows from one table into another through a column mapping:
     * {@code INSERT INTO target (k..., c...) SELECT k..., expr... FROM source WHERE key in batch
     * ON CONFLICT (keys) DO NOTHING}, in short transactions paced like a backfill. Rows already
     * copied (by an earlier run or by the CDC sync that started before) are left alone, so a re-run
     * is harmless.
     *
     * @param mapping target column to SQL expression over the source row
     */
    record Copy(String id, TableName sourceTable, TableName targetTable, List<String> keyColumns, Map<String, String> mapping,
                BatchOptions options) implements Step {
        public Copy {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sourceTable, "sourceTable");
            Objects.requireNonNull(targetTable, "targetTable");
            Objects.requireNonNull(options, "options");
            keyColumns = List.copyOf(keyColumns);
            mapping = Map.copyOf(mapping);
            if (keyColumns.isEmpty()) throw new IllegalArgumentException("copy " + id + " needs key columns");
        }

        @Override
        public String describe() {
            return "copy " + sourceTable + " -> " + targetTable;
        }
    }

    /** Start, reverse, drain or stop a CDC sync between two shapes of the same data. */
    record Sync(String id, SyncAction action, SyncMode mode, TableName sourceTable, TableName targetTable,
                List<String> keyColumns, Map<String, String> mapping, Map<String, String> reverseMapping) implements Step {
        public Sync {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(sourceTable, "sourceTable");
            Objects.requireNonNull(targetTable, "targetTable");
            keyColumns = List.copyOf(keyColumns);
            mapping = Map.copyOf(mapping);
            reverseMapping = Map.copyOf(reverseMapping);
        }

        @Override
        public String describe() {
            return "sync " + action.name().toLowerCase() + " " + sourceTable + " -> " + targetTable;
        }
    }

    /** Counts and checksums per key range of source vs target through the mapping; a mismatch fails the phase. */
    record Verify(String id, TableName sourceTable, TableName targetTable, List<String> keyColumns,
                  Map<String, String> mapping) implements Step {
        public Verify {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sourceTable, "sourceTable");
            Objects.requireNonNull(targetTable, "targetTable");
            keyColumns = List.copyOf(keyColumns);
            mapping = Map.copyOf(mapping);
        }

        @Override
        public String describe() {
            return "verify " + sourceTable + " = " + targetTable;
        }
    }

    /**
     * Atomic blue-green cut-over: {@code blueTable} is renamed to {@code retiredName} (a bare name in
     * its schema), {@code greenTable} takes {@code blueTable}'s name.
     */
    record Switch(String id, TableName blueTable, TableName greenTable, String retiredName) implements Step {
        public Switch {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(blueTable, "blueTable");
            Objects.requireNonNull(greenTable, "greenTable");
            Objects.requireNonNull(retiredName, "retiredName");
        }

        @Override
        public String describe() {
            return "switch " + greenTable + " -> " + blueTable;
        }
    }

    /** Set a feature flag's rollout percentage, only while {@code guardBreaker} is closed. */
    record FlagRollout(String id, String flag, int percentage, String guardBreaker) implements Step {
        public FlagRollout {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(flag, "flag");
            if (percentage < 0 || percentage > 100) throw new IllegalArgumentException("percentage must be within 0..100");
        }

        @Override
        public String describe() {
            return "flag " + flag + " -> " + percentage + "%";
        }
    }

    private static String oneLine(String sql) {
        return dev.zdm.domain.sql.Snippet.of(sql);
    }
}

package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigInteger;

/**
 * Prepares a backfill run: looks up the key column's type, reads the step's checkpoint or (first
 * run) bounds the key range and records it, and works out the last key of this run's share
 * ({@code rolloutPercentage}) of the range.
 */
final class BackfillStart {
    private final Pool pool;
    private final ProgressStore store;

    BackfillStart(Pool pool, ProgressStore store) {
        this.pool = pool;
        this.store = store;
    }

    /**
     * What a run starts from.
     *
     * @param sql        the step's SQL
     * @param checkpoint the step's progress row
     * @param runEnd     the last key of this run, or null when the range is empty
     * @param rowsTotal  estimate of the rows in this run's range, or null
     * @param done       true when the checkpoint is already at or past {@code runEnd}
     */
    record Prepared(BackfillSql sql, Checkpoint checkpoint, String runEnd, Long rowsTotal, boolean done) {
    }

    Future<Prepared> prepare(StepRef ref, Step.Backfill step, int firstBatchSize) {
        TableName table = step.table();
        return keyColumn(table, step.keyColumn())
                .map(key -> new BackfillSql(step, key))
                .compose(sql -> checkpoint(ref, sql, firstBatchSize)
                        .compose(cp -> finish(sql, cp, step.options().rolloutPercentage())));
    }

    private Future<KeyColumn> keyColumn(TableName table, String column) {
        return pool.preparedQuery(BackfillSql.keyTypeQuery()).execute(Tuple.of(table.qualified(), column))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ZdmException(ErrorCode.UNKNOWN_TABLE, "table " + table + " or its key column " + column
                                + " does not exist on the target; check the plan against the live schema", table.toString());
                    }
                    Row row = rows.iterator().next();
                    return new KeyColumn(column, row.getString("key_type"), Boolean.TRUE.equals(row.getBoolean("numeric")));
                });
    }

    private Future<Checkpoint> checkpoint(StepRef ref, BackfillSql sql, int firstBatchSize) {
        return store.read(pool, ref).compose(existing -> existing.isPresent()
                ? Future.succeededFuture(existing.get())
                : bound(sql).compose(range -> estimate(sql, range)
                        .compose(total -> store.begin(pool, ref, range, total, firstBatchSize))));
    }

    private Future<KeyRange> bound(BackfillSql sql) {
        return pool.query(sql.boundsQuery()).execute().map(rows -> {
            Row row = rows.iterator().next();
            String lo = row.getString("lo");
            String hi = row.getString("hi");
            return lo == null || hi == null ? null : new KeyRange(lo, hi);
        });
    }

    private Future<Long> estimate(BackfillSql sql, KeyRange range) {
        if (range == null) return Future.succeededFuture(0L);
        return pool.preparedQuery(BackfillSql.rowEstimateQuery()).execute(Tuple.of(sql.table().qualified()))
                .map(rows -> {
                    Long reltuples = rows.size() == 0 ? null : rows.iterator().next().getLong("estimate");
                    if (reltuples != null && reltuples > 0) return reltuples;
                    return integerSpan(range);
                });
    }

    private Future<Prepared> finish(BackfillSql sql, Checkpoint cp, int percent) {
        KeyRange range = cp.range();
        if (range == null) return Future.succeededFuture(new Prepared(sql, cp, null, 0L, true));
        Long total = cp.rowsTotal() == null ? null : Math.round(cp.rowsTotal() * percent / 100.0);
        return runEnd(sql, range, percent)
                .compose(end -> alreadyDone(sql, cp.lastKey(), end)
                        .map(done -> new Prepared(sql, cp, end, total, done)));
    }

    private Future<String> runEnd(BackfillSql sql, KeyRange range, int percent) {
        if (sql.key().numeric()) {
            var end = range.numericEnd(percent);
            if (end.isPresent()) return Future.succeededFuture(end.get());
        }
        if (percent == 100) return Future.succeededFuture(range.max());
        return pool.preparedQuery(sql.percentileQuery()).execute(Tuple.of(percent / 100.0, range.max()))
                .map(rows -> {
                    String k = rows.size() == 0 ? null : rows.iterator().next().getString("k");
                    return k == null ? range.max() : k;
                });
    }

    private Future<Boolean> alreadyDone(BackfillSql sql, String lastKey, String end) {
        if (lastKey == null) return Future.succeededFuture(false);
        return pool.preparedQuery(sql.atOrPastQuery()).execute(Tuple.of(lastKey, end))
                .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean("done")));
    }

    private static Long integerSpan(KeyRange range) {
        try {
            BigInteger span = new BigInteger(range.max()).subtract(new BigInteger(range.min())).add(BigInteger.ONE);
            return span.bitLength() < 63 ? span.longValue() : Long.MAX_VALUE;
        } catch (NumberFormatException notInteger) {
            return null;
        }
    }
}

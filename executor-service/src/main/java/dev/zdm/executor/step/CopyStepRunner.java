package dev.zdm.executor.step;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.sql.Identifiers;
import dev.zdm.domain.sql.TableName;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.executor.gate.BreakerState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The batched initial copy of a blue-green migration: {@code INSERT INTO target SELECT mapping FROM
 * source} in keyset batches over the key, each its own short transaction that also checkpoints the
 * last key in {@code zdm._migration_progress}, {@code ON CONFLICT DO NOTHING} so rows the CDC sync
 * (started before) already wrote are left alone and a re-run is harmless. Holds while a breaker
 * guarding the target is open; stops between batches when paused or cancelled.
 *
 * <p>The copy ends at the largest key the source holds when the step starts: a row past it was
 * committed after the sync went live, which carries it (without that end, inserts at the application's
 * rate keep the copy chasing the newest key). Each batch reads its rows {@code FOR KEY SHARE}, so a
 * delete of a row the batch read waits for the batch to commit and the sync's delete then removes the
 * copied row, rather than running first and the copy bringing the row back.
 */
public final class CopyStepRunner implements StepRunner<Step.Copy> {
    /** Re-check an open breaker or a pause this often. */
    private static final long HOLD_MS = 250;
    private final Retrying retrying;
    private final BreakerBoard board;

    public CopyStepRunner(Retrying retrying, BreakerBoard board) {
        this.retrying = retrying;
        this.board = board;
    }

    private record Batch(String lastKey, long read, long inserted) {
    }

    @Override
    public Future<Long> run(StepContext ctx, Step.Copy step) {
        if (step.keyColumns().size() != 1) {
            return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, "copy " + step.sourceTable() + " -> " + step.targetTable()
                    + " needs a single-column key, got " + step.keyColumns(), step.id()));
        }
        TableName source = step.sourceTable();
        String key = step.keyColumns().get(0);
        return ctx.pool().preparedQuery("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                        + "WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped")
                .execute(Tuple.of(source.qualified(), key))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ZdmException(ErrorCode.UNKNOWN_TABLE, "copy source " + step.sourceTable()
                                + " or its key column " + key + " does not exist", step.id()));
                    }
                    String sql = batchSql(step, source, key, rows.iterator().next().getString(0));
                    return checkpoint(ctx, step).compose(start -> lastKey(ctx, source, key).compose(end -> end == null
                            ? StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), 0, step.describe()).map(0L)
                            : loop(ctx, step, sql, start, end, 0L)));
                });
    }

    /** The source's largest key now (as text), where the copy ends; null when the source is empty. */
    private static Future<String> lastKey(StepContext ctx, TableName source, String key) {
        // qualified, so ORDER BY sorts by the key's own type, not by the text output column of the same name
        String k = "src." + Identifiers.quote(key);
        return ctx.pool().query("SELECT " + k + "::text FROM " + source.qualified() + " AS src ORDER BY " + k + " DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    private Future<Long> loop(StepContext ctx, Step.Copy step, String sql, String lastKey, String end, long copied) {
        if (ctx.control().cancelled()) {
            return Future.failedFuture(new ZdmException(ErrorCode.NOT_ALLOWED, "copy cancelled by an operator after key " + lastKey, step.id()));
        }
        var open = board.worst(ctx.target()).filter(b -> b.state() == BreakerState.OPEN);
        if (ctx.control().paused() || open.isPresent()) {
            ctx.progress().accept(StepContext.StepProgress.throttled("copy " + step.sourceTable() + " held after key " + lastKey,
                    open.map(b -> "breaker " + b.describe()).orElse("paused by an operator")));
            return ctx.vertx().timer(HOLD_MS).compose(v -> loop(ctx, step, sql, lastKey, end, copied));
        }
        return retrying.run(ctx, step.id(), step.describe(), () -> batch(ctx, step, sql, lastKey, end)).compose(b -> {
            long total = copied + b.inserted();
            if (b.read() == 0) {
                return StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), total, step.describe()).map(total);
            }
            ctx.progress().accept(new StepContext.StepProgress("RUNNING", "copy " + step.sourceTable() + " -> " + step.targetTable()
                    + " up to key " + b.lastKey(), null, total, null, 0, step.options().batchSize(), null));
            Future<Void> pause = step.options().delayMs() > 0 ? ctx.vertx().timer(step.options().delayMs()).mapEmpty() : Future.succeededFuture();
            return pause.compose(v -> loop(ctx, step, sql, b.lastKey(), end, total));
        });
    }

    private Future<Batch> batch(StepContext ctx, Step.Copy step, String sql, String lastKey, String end) {
        return ctx.pool().withTransaction(conn -> conn.query("SET LOCAL lock_timeout = 200; SET LOCAL statement_timeout = 30000").execute()
                .compose(r -> conn.preparedQuery(sql).execute(Tuple.of(lastKey, step.options().batchSize(), end)))
                .compose(rows -> {
                    Row r = rows.iterator().next();
                    Batch b = new Batch(r.getString(0), r.getLong(1), r.getLong(2));
                    if (b.read() == 0) return Future.succeededFuture(new Batch(lastKey, 0, 0));
                    return conn.preparedQuery("INSERT INTO zdm._migration_progress (migration_id, phase, step_id, batches_completed, "
                                    + "rows_affected, last_key, batch_size, status) VALUES ($1, $2, $3, 1, $4, $5, $6, 'running') "
                                    + "ON CONFLICT (migration_id, step_id) DO UPDATE SET batches_completed = _migration_progress.batches_completed + 1, "
                                    + "rows_affected = _migration_progress.rows_affected + $4, last_key = $5, updated_at = now()")
                            .execute(Tuple.of(ctx.migrationId(), ctx.phase().id(), step.id(), b.inserted(), b.lastKey(), step.options().batchSize()))
                            .map(b);
                }));
    }

    /** The last key copied by an earlier run, or null to start at the beginning. */
    private Future<String> checkpoint(StepContext ctx, Step.Copy step) {
        return ctx.pool().preparedQuery("SELECT last_key FROM zdm._migration_progress WHERE migration_id = $1 AND step_id = $2")
                .execute(Tuple.of(ctx.migrationId(), step.id()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    static String batchSql(Step.Copy step, TableName source, String key, String keyType) {
        TableName target = step.targetTable();
        List<String> columns = step.mapping().keySet().stream().sorted().toList();
        String k = Identifiers.quote(key);
        return "WITH batch AS (SELECT * FROM " + source.qualified() + " WHERE ($1::text IS NULL OR " + k + " > $1::text::" + keyType + ") AND "
                + k + " <= $3::text::" + keyType + " ORDER BY " + k + " LIMIT $2 FOR KEY SHARE), ins AS (INSERT INTO " + target.qualified() + " ("
                + columns.stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + ") SELECT "
                + columns.stream().map(c -> step.mapping().get(c)).collect(Collectors.joining(", ")) + " FROM batch ON CONFLICT ("
                + step.keyColumns().stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + ") DO NOTHING RETURNING 1) "
                + "SELECT (SELECT batch." + k + "::text FROM batch ORDER BY batch." + k + " DESC LIMIT 1), (SELECT count(*) FROM batch),"
                + " (SELECT count(*) FROM ins)";
    }
}

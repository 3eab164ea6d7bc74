package dev.zdm.executor.step;

import dev.zdm.domain.plan.Step;
import dev.zdm.domain.sql.Identifiers;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * Runs a SQL step with {@code lock_timeout} and {@code statement_timeout}: inside a transaction that
 * also records the step's completion, or, for statements that cannot run in a transaction block, on a
 * plain connection whose settings are reset afterwards. Lock timeouts are retried by {@link Retrying}.
 */
public final class SqlStepRunner implements StepRunner<Step.Sql> {
    private final Retrying retrying;
    private final long defaultStatementTimeoutMs;

    public SqlStepRunner(Retrying retrying, long defaultStatementTimeoutMs) {
        this.retrying = retrying;
        this.defaultStatementTimeoutMs = defaultStatementTimeoutMs;
    }

    @Override
    public Future<Long> run(StepContext ctx, Step.Sql step) {
        return retrying.run(ctx, step.id(), step.describe(), () -> step.transactional() ? inTransaction(ctx, step) : onConnection(ctx, step));
    }

    private Future<Long> inTransaction(StepContext ctx, Step.Sql step) {
        return ctx.pool().withTransaction(conn -> conn.query(settings(ctx, step, "SET LOCAL")).execute()
                .compose(r -> WatchedStatement.run(ctx, step.id(), conn, () -> conn.query(step.sql()).execute()))
                .map(rs -> rowCount(step, rs))
                .compose(rows -> StepRuns.record(conn, ctx.migrationId(), step.id(), ctx.direction(), rows, step.describe()).map(rows)));
    }

    private Future<Long> onConnection(StepContext ctx, Step.Sql step) {
        return ctx.pool().withConnection(conn -> conn.query(settings(ctx, step, "SET")).execute()
                        .compose(r -> WatchedStatement.run(ctx, step.id(), conn, () -> conn.query(step.sql()).execute()))
                        .map(rs -> rowCount(step, rs))
                        .eventually(() -> conn.query("RESET lock_timeout; RESET statement_timeout; RESET zdm.migration_id").execute()))
                .compose(rows -> StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), rows, step.describe()).map(rows));
    }

    /** Timeouts, and {@code zdm.migration_id} so that plan SQL can record which migration it belongs to. */
    private String settings(StepContext ctx, Step.Sql step, String set) {
        long statementTimeout = step.statementTimeoutMs() > 0 ? step.statementTimeoutMs() : defaultStatementTimeoutMs;
        return set + " lock_timeout = " + step.lockTimeoutMs() + "; " + set + " statement_timeout = " + statementTimeout + "; "
                + set + " zdm.migration_id = " + Identifiers.literal(ctx.migrationId());
    }

    /**
     * Rows affected by a step that is one DML statement; 0 for DDL, whose command tags carry no row
     * count (the client reports a meaningless number for them).
     */
    static long rowCount(Step.Sql step, RowSet<Row> result) {
        return DML.matcher(step.sql()).lookingAt() && result.next() == null ? Math.max(0, result.rowCount()) : 0;
    }

    /** A statement that starts, after comments and blanks, with INSERT, UPDATE, DELETE or MERGE. */
    private static final java.util.regex.Pattern DML = java.util.regex.Pattern.compile(
            "(?is)(\\s+|--[^\\n]*\\n|/\\*.*?\\*/)*(insert|update|delete|merge)\\b");
}

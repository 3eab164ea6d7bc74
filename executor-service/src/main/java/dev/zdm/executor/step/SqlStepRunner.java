package dev.zdm.executor.step;

import dev.zdm.domain.plan.Step;
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
        return ctx.pool().withTransaction(conn -> conn.query(settings(step, "SET LOCAL")).execute()
                .compose(r -> conn.query(step.sql()).execute())
                .map(SqlStepRunner::rowCount)
                .compose(rows -> StepRuns.record(conn, ctx.migrationId(), step.id(), ctx.direction(), rows, step.describe()).map(rows)));
    }

    private Future<Long> onConnection(StepContext ctx, Step.Sql step) {
        return ctx.pool().withConnection(conn -> conn.query(settings(step, "SET")).execute()
                        .compose(r -> conn.query(step.sql()).execute())
                        .map(SqlStepRunner::rowCount)
                        .eventually(() -> conn.query("RESET lock_timeout; RESET statement_timeout").execute()))
                .compose(rows -> StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), rows, step.describe()).map(rows));
    }

    private String settings(Step.Sql step, String set) {
        long statementTimeout = step.statementTimeoutMs() > 0 ? step.statementTimeoutMs() : defaultStatementTimeoutMs;
        return set + " lock_timeout = " + step.lockTimeoutMs() + "; " + set + " statement_timeout = " + statementTimeout;
    }

    /** Rows affected over every statement of a simple-protocol batch. */
    static long rowCount(RowSet<Row> first) {
        long total = 0;
        for (RowSet<Row> rs = first; rs != null; rs = rs.next()) total += Math.max(0, rs.rowCount());
        return total;
    }
}

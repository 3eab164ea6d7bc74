package dev.zdm.executor.step;

import dev.zdm.domain.plan.Step;
import dev.zdm.domain.sql.Identifiers;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CREATE INDEX CONCURRENTLY}: skipped when a valid index of that name exists; an INVALID one left
 * by an earlier failure is dropped concurrently first, and dropped again if this attempt fails, so no
 * invalid index is left slowing writes. It waits for older transactions without blocking the
 * application (it takes SHARE UPDATE EXCLUSIVE), so it runs without lock_timeout.
 */
public final class IndexStepRunner implements StepRunner<Step.CreateIndexConcurrently> {
    private static final Logger LOG = LoggerFactory.getLogger(IndexStepRunner.class);
    private final Retrying retrying;

    public IndexStepRunner(Retrying retrying) {
        this.retrying = retrying;
    }

    @Override
    public Future<Long> run(StepContext ctx, Step.CreateIndexConcurrently step) {
        return retrying.run(ctx, step.id(), step.describe(), () -> attempt(ctx, step))
                .compose(rows -> StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), 0, step.describe()).map(0L));
    }

    private Future<Long> attempt(StepContext ctx, Step.CreateIndexConcurrently step) {
        return validity(ctx, step).compose(valid -> {
            if (Boolean.TRUE.equals(valid)) {
                LOG.info("{} {}: index {} already exists and is valid", ctx.migrationId(), step.id(), step.indexName());
                return Future.succeededFuture(0L);
            }
            Future<Void> cleared = valid == null ? Future.succeededFuture() : dropInvalid(ctx, step);
            return cleared.compose(v -> ctx.pool().withConnection(conn -> conn.query("SET lock_timeout = 0").execute()
                            .compose(r -> WatchedStatement.run(ctx, step.id(), conn, () -> conn.query(step.sql()).execute()))
                            .eventually(() -> conn.query("RESET lock_timeout").execute())))
                    .map(0L)
                    .recover(error -> validity(ctx, step).compose(after -> Boolean.FALSE.equals(after) ? dropInvalid(ctx, step) : Future.succeededFuture())
                            .transform(x -> Future.failedFuture(error)));
        });
    }

    /** True valid, false invalid, null absent. */
    private Future<Boolean> validity(StepContext ctx, Step.CreateIndexConcurrently step) {
        return ctx.pool().preparedQuery("SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2")
                .execute(Tuple.of(step.schema(), step.indexName()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean(0));
    }

    private Future<Void> dropInvalid(StepContext ctx, Step.CreateIndexConcurrently step) {
        LOG.warn("{} {}: dropping INVALID index {}.{} left by a failed build", ctx.migrationId(), step.id(), step.schema(), step.indexName());
        ctx.progress().accept(StepContext.StepProgress.of("RUNNING", "dropping INVALID index " + step.indexName() + " before retrying"));
        return ctx.pool().query("DROP INDEX CONCURRENTLY IF EXISTS " + Identifiers.qualified(step.schema(), step.indexName())).execute().mapEmpty();
    }
}

package dev.zdm.executor.step;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Errors;
import io.vertx.core.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action again while {@link Backoff} says so (a lost database for the whole outage window,
 * other retriable errors by count), until it gives up or the phase is cancelled; each retry is
 * reported as progress ("waiting for the database" while it is unreachable). The blocking
 * counterpart, for JDBC code, is {@code Retry}.
 */
public final class Retrying {
    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
    private final Backoff backoff;

    /** @param backoff delays between attempts, and how many retries are allowed */
    public Retrying(Backoff backoff) {
        this.backoff = backoff;
    }

    public <T> Future<T> run(StepContext ctx, String stepId, String what, Supplier<Future<T>> action) {
        return attempt(ctx, stepId, what, action, 1, System.currentTimeMillis());
    }

    private <T> Future<T> attempt(StepContext ctx, String stepId, String what, Supplier<Future<T>> action, int n, long startedAt) {
        if (ctx.control().cancelled()) {
            return Future.failedFuture(new ZdmException(ErrorCode.NOT_ALLOWED, "cancelled by an operator before " + what, stepId));
        }
        return action.get().recover(error -> {
            ZdmException z = Errors.classify(error, stepId);
            if (!z.retriable()) return Future.failedFuture(z);
            long failingFor = System.currentTimeMillis() - startedAt;
            long delay = backoff.next(z.code(), n, failingFor, java.util.concurrent.ThreadLocalRandom.current().nextDouble());
            if (delay < 0) {
                return Future.failedFuture(new ZdmException(z.code(), what + " " + backoff.gaveUp(z.code(), n, failingFor) + ": " + z.getMessage()
                        + (z.code() == ErrorCode.LOCK_TIMEOUT ? "; a long transaction holds a conflicting lock: find it with pg_blocking_pids, then resume" : ""),
                        stepId, z.sqlState(), error));
            }
            String reason = z.code().code() + (z.sqlState() == null ? "" : " (" + z.sqlState() + ")") + ": " + z.getMessage();
            LOG.info("{} {}: attempt {} failed ({}), retrying in {} ms", ctx.migrationId(), stepId, n, reason, delay);
            String message = z.code() == ErrorCode.CONNECTION_LOST
                    ? what + ": waiting for the database (unreachable for " + failingFor + " ms of the " + backoff.outageWindowMs()
                    + " ms outage window), trying again in " + delay + " ms"
                    : what + ": attempt " + n + "/" + (backoff.maxAttempts() + 1) + " failed, retrying in " + delay + " ms";
            ctx.progress().accept(StepContext.StepProgress.throttled(message, reason));
            return ctx.vertx().timer(delay).compose(v -> attempt(ctx, stepId, what, action, n + 1, startedAt));
        });
    }
}

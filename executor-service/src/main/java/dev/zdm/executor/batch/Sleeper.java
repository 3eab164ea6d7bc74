package dev.zdm.executor.batch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Timed waits of one job that a control command can cut short. Context-confined: call every
 * method on the job's context.
 */
final class Sleeper {
    private final Vertx vertx;
    private long timerId = -1;
    private Promise<Void> sleeping;

    Sleeper(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Completes after {@code ms} milliseconds, or at once when {@code ms <= 0}, or when {@link #wake()} is called. */
    Future<Void> sleep(long ms) {
        if (ms <= 0) return Future.succeededFuture();
        Promise<Void> promise = Promise.promise();
        sleeping = promise;
        timerId = vertx.setTimer(ms, id -> {
            if (sleeping == promise) sleeping = null;
            promise.tryComplete();
        });
        return promise.future();
    }

    /** Ends the current wait, if any. */
    void wake() {
        Promise<Void> promise = sleeping;
        if (promise == null) return;
        sleeping = null;
        vertx.cancelTimer(timerId);
        promise.tryComplete();
    }
}

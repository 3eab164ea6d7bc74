package dev.zdm.planner.truth;

import io.vertx.core.Future;

import java.util.function.Supplier;

/** Runs clean-up after a future whatever its outcome; the first failure wins. */
final class Cleanup {
    private Cleanup() {
    }

    /**
     * {@code work}'s outcome after {@code cleanup} ran: its failure when it failed, else the clean-up's
     * failure when that failed (a shadow that could not be dropped is worth knowing), else its result.
     */
    static <T> Future<T> after(Future<T> work, Supplier<Future<?>> cleanup) {
        return work.transform(done -> run(cleanup).transform(cleaned -> {
            if (done.failed()) return Future.failedFuture(done.cause());
            if (cleaned.failed()) return Future.failedFuture(cleaned.cause());
            return Future.succeededFuture(done.result());
        }));
    }

    private static Future<?> run(Supplier<Future<?>> cleanup) {
        try {
            return cleanup.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}

package dev.zdm.runtime.messaging;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a blocking action (JDBC, on a thread that may block) again while it fails with an error the
 * {@link Backoff} says to retry; every failure is classified by {@link Errors}. The reactive
 * counterpart is the executor's {@code Retrying}; both decide through the same {@link Backoff}.
 */
public final class Retry {
    /** An action that may throw anything; it must be safe to run again after a failure. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    /** Hears each failure that will be retried, before the pause. */
    @FunctionalInterface
    public interface Listener {
        void retrying(int attempt, ZdmException failure, long delayMs);

        Listener NONE = (attempt, failure, delayMs) -> { };
    }

    private Retry() {
    }

    /**
     * Runs {@code action} until it succeeds or {@code backoff} gives up; then throws the last failure,
     * classified, its message led by {@code what} and, when it was retried, how long it was tried.
     *
     * @param location where, for the error (a table, a slot, a step)
     */
    public static <T> T blocking(Backoff backoff, String what, String location, Action<T> action, Listener listener) {
        long first = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                ZdmException failure = Errors.classify(e, location);
                long now = System.currentTimeMillis();
                if (first == 0) first = now;
                long delay = Thread.currentThread().isInterrupted() ? -1 : backoff.next(failure.code(), attempt, now - first, ThreadLocalRandom.current().nextDouble());
                if (delay < 0) {
                    String tried = attempt == 1 ? "" : " (" + backoff.gaveUp(failure.code(), attempt, now - first) + ")";
                    throw new ZdmException(failure.code(), what + " failed" + tried + ": " + failure.getMessage(), failure.location() == null ? location
                            : failure.location(), failure.sqlState(), e);
                }
                listener.retrying(attempt, failure, delay);
                sleep(delay);
            }
        }
    }

    /** Sleeps; an interrupt ends the wait with a permanent error (the caller is being stopped). */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZdmException(ErrorCode.INTERNAL, "interrupted while waiting to try again");
        }
    }
}

package dev.zdm.infra.launch;

import java.net.BindException;
import java.util.function.IntFunction;

/** Retries a server start that lost its chosen port to another process. */
final class Retry {

    /** Three attempts: a clash needs another process to grab the same port in the same second. */
    static final int ATTEMPTS = 3;

    private Retry() {
    }

    /**
     * Runs {@code start} with attempt numbers 1, 2, ... until it succeeds or fails for a reason other
     * than a port clash, or {@link #ATTEMPTS} are used up. {@code start} must clean up after itself
     * when it throws.
     */
    static <T> T onBindFailure(IntFunction<T> start) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return start.apply(attempt);
            } catch (RuntimeException e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Whether {@code e} or one of its causes says an address was in use. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.contains("Address already in use")
                    || message.contains("could not bind")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

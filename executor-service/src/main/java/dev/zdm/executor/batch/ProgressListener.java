package dev.zdm.executor.batch;

/**
 * Receives a backfill's progress: at least once per progress interval (a second by default) while
 * it runs, and on every change of state. Called on the backfill's Vert.x context: must not block.
 * An exception thrown here is logged and does not stop the backfill.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(BackfillProgress progress);

    /** This listener, then {@code next}; a failure of one does not keep the other from being called. */
    default ProgressListener andThen(ProgressListener next) {
        return progress -> {
            try {
                onProgress(progress);
            } finally {
                next.onProgress(progress);
            }
        };
    }

    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };
}

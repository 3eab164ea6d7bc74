package dev.zdm.executor.batch;

import java.util.function.Supplier;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's progress to its listener on a timer and on demand, keeping the last snapshot for
 * readers on other threads. A listener that throws is logged, never allowed to stop the job.
 */
final class ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final Vertx vertx;
    private final ProgressListener listener;
    private final Supplier<BackfillProgress> snapshot;
    private volatile BackfillProgress last;
    private long periodicId = -1;

    ProgressReporter(Vertx vertx, ProgressListener listener, Supplier<BackfillProgress> snapshot) {
        this.vertx = vertx;
        this.listener = listener;
        this.snapshot = snapshot;
    }

    /** Reports every {@code intervalMs} until {@link #stop()}; call on the job's context. */
    void start(long intervalMs) {
        if (periodicId < 0) periodicId = vertx.setPeriodic(intervalMs, id -> emit());
    }

    void stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
        periodicId = -1;
    }

    /** Reports now. */
    void emit() {
        BackfillProgress progress = snapshot.get();
        last = progress;
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed for {}; the backfill goes on", progress.step(), e);
        }
    }

    /** The last snapshot reported, or null before the first. Safe from any thread. */
    BackfillProgress last() {
        return last;
    }
}

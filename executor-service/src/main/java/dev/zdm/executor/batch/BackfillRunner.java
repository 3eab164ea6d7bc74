package dev.zdm.executor.batch;

import dev.zdm.domain.plan.Step;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.executor.gate.ThrottleGate;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Objects;

/**
 * Starts keyset backfills on one target database. Each {@link #start} returns the {@link BackfillJob}
 * the executor controls (pause, resume, cancel, smaller batch) and awaits.
 *
 * <p>Starting a step that has a checkpoint resumes it: the key range bounded by its first run is
 * kept and batches continue after the last committed key. The caller must not run the same step
 * twice at once (a second run fails its first batch rather than redo a range). Thread-safe.
 */
public final class BackfillRunner {
    private final Vertx vertx;
    private final Pool pool;
    private final BreakerBoard board;
    private final BackfillSettings settings;

    /**
     * @param vertx    the Vert.x instance whose timers pace the batches
     * @param pool     connections to the target (see {@link BackfillPool#create}); not closed by the runner
     * @param board    breaker states fed by the executor's {@code zdm.breaker} consumer
     * @param settings batch time target, caps, timeouts, retries
     */
    public BackfillRunner(Vertx vertx, Pool pool, BreakerBoard board, BackfillSettings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.board = Objects.requireNonNull(board, "board");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Starts (or resumes) {@code step}. Runs on the caller's Vert.x context, or a new event-loop
     * context when called from elsewhere; never blocks.
     *
     * @param listener receives progress at least every {@link BackfillSettings#progressIntervalMs()}
     */
    public BackfillJob start(StepRef ref, Step.Backfill step, ProgressListener listener) {
        ThrottleGate gate = new ThrottleGate(board, settings.target(), settings.targetBatchMs());
        BackfillJob job = new BackfillJob(vertx.getOrCreateContext(), pool, ref, step, settings, gate,
                listener == null ? ProgressListener.NONE : listener);
        job.start();
        return job;
    }
}

package dev.zdm.executor.batch;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.sql.TableName;
import dev.zdm.executor.gate.ThrottleDecision;
import dev.zdm.executor.gate.ThrottleGate;
import dev.zdm.runtime.messaging.Errors;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running backfill step, and the handle the executor controls it through.
 *
 * <p>Every batch is its own transaction; between batches the job consults its {@link ThrottleGate},
 * honours pause, cancel and "smaller batch" requests, and sleeps {@code delayMs}. Nothing is held
 * between batches, so a paused or throttled job holds no lock and no open transaction.
 *
 * <p>Control methods may be called from any thread; they take effect between batches (the batch in
 * flight always finishes). Idempotent: pausing twice is pausing once.
 */
public final class BackfillJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillJob.class);

    private final Context context;
    private final Pool pool;
    private final StepRef ref;
    private final Step.Backfill step;
    private final BackfillSettings settings;
    private final ProgressStore store = new ProgressStore();
    private final ThrottleGate gate;
    private final BatchSizer sizer;
    private final Sleeper sleeper;
    private final JobMeter meter;
    private final ProgressReporter reporter;
    private final Promise<BackfillOutcome> outcome = Promise.promise();
    private final AtomicReference<Optional<Integer>> smallerRequest = new AtomicReference<>();
    private volatile boolean pauseRequested;
    private volatile boolean cancelRequested;

    private BackfillStart.Prepared prepared;
    private BatchTransaction batches;
    private Checkpoint checkpoint;
    private int batchSize;
    /** When the current run of failed batches began (0: the last batch succeeded); a lost database is waited for from here. */
    private long failingSince;
    private long deadlineNanos = Long.MAX_VALUE;

    BackfillJob(Context context, Pool pool, StepRef ref, Step.Backfill step, BackfillSettings settings, ThrottleGate gate,
                ProgressListener listener) {
        this.context = context;
        this.pool = pool;
        this.ref = ref;
        this.step = step;
        this.settings = settings;
        this.gate = gate;
        this.sizer = settings.sizer();
        this.batchSize = sizer.initial(step.options().batchSize());
        this.sleeper = new Sleeper(context.owner());
        this.meter = new JobMeter(ref, step.table());
        this.reporter = new ProgressReporter(context.owner(), listener, () -> meter.snapshot(checkpoint, batchSize));
    }

    /** Completes when the run ends: COMPLETED, STOPPED (max duration) or CANCELLED; fails with a {@link ZdmException}. */
    public Future<BackfillOutcome> outcome() {
        return outcome.future();
    }

    /** The step this job runs. */
    public StepRef step() {
        return ref;
    }

    /** The last progress reported, or null before the first report. Safe from any thread. */
    public BackfillProgress lastProgress() {
        return reporter.last();
    }

    /** Stops after the batch in flight and waits, holding nothing, until {@link #resume()} or {@link #cancel()}. */
    public void pause() {
        pauseRequested = true;
        context.runOnContext(v -> sleeper.wake());
    }

    /** Continues a paused job from its checkpoint. */
    public void resume() {
        pauseRequested = false;
        context.runOnContext(v -> sleeper.wake());
    }

    /** Ends the run after the batch in flight; the checkpoint stays, so running the step again resumes. */
    public void cancel() {
        cancelRequested = true;
        context.runOnContext(v -> sleeper.wake());
    }

    /** Shrinks the next batches: to {@code rows} when given, else to half the current size (within the caps). */
    public void retryWithSmallerBatch(Integer rows) {
        smallerRequest.set(Optional.ofNullable(rows));
    }

    void start() {
        // Anything thrown here (a name zdm cannot resolve, a bug) must fail the job: an exception that escaped to the
        // event loop would leave the outcome pending forever and the phase command's partition blocked behind it.
        context.runOnContext(v -> Future.<Void>succeededFuture().compose(x -> new BackfillStart(pool, store).prepare(ref, step, batchSize))
                .onSuccess(p -> guarded(() -> begin(p)))
                .onFailure(this::fail));
    }

    /** Runs {@code work}; whatever it throws fails the job with the reason instead of escaping to the event loop. */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!outcome.future().isComplete()) fail(e);
        }
    }

    private void begin(BackfillStart.Prepared p) {
        prepared = p;
        checkpoint = p.checkpoint();
        meter.begin(p, monoMs());
        if (p.done()) {
            complete();
            return;
        }
        batches = new BatchTransaction(pool, p.sql(), store, ref, settings.lockTimeoutMs(), settings.statementTimeoutMs());
        if (step.options().maxDurationMs() > 0) deadlineNanos = System.nanoTime() + step.options().maxDurationMs() * 1_000_000;
        meter.state(BackfillState.RUNNING, null, null);
        reporter.start(settings.progressIntervalMs());
        store.status(pool, ref, BackfillState.RUNNING, batchSize).onComplete(x -> {
            reporter.emit();
            iterate();
        });
    }

    private void iterate() {
        guarded(this::iterateOnce);
    }

    private void iterateOnce() {
        if (stopIfAsked()) return;
        Optional<Integer> smaller = smallerRequest.getAndSet(null);
        if (smaller != null) batchSize = sizer.smaller(batchSize, smaller.orElse(null));
        ThrottleDecision decision = gate.decide(monoMs());
        BackfillState running = decision.reason() == null ? BackfillState.RUNNING : BackfillState.THROTTLED;
        if (meter.state(running, decision.tag(), decision.reason())) {
            reporter.emit();
        }
        if (decision instanceof ThrottleDecision.Hold) {
            sleeper.sleep(decision.pauseBeforeMs()).onComplete(x -> iterate());
            return;
        }
        sleeper.sleep(decision.pauseBeforeMs()).onComplete(x -> {
            if (pauseRequested || cancelRequested) {
                iterate();
                return;
            }
            int rows = Math.min(batchSize, decision.maxRows());
            attempt(rows, 1).onComplete(done -> guarded(() -> {
                if (done.failed()) fail(done.cause());
                else if (done.result() == null) iterate();
                else afterBatch(done.result(), rows == batchSize);
            }));
        });
    }

    private boolean stopIfAsked() {
        if (cancelRequested) {
            end(BackfillState.CANCELLED, "cancelled by an operator after key " + checkpoint.lastKey() + "; running the step again resumes there");
        } else if (pauseRequested) {
            park();
        } else if (System.nanoTime() >= deadlineNanos) {
            end(BackfillState.STOPPED, "maxDurationMs " + step.options().maxDurationMs() + " reached after key "
                    + checkpoint.lastKey() + "; running the step again resumes there");
        } else {
            return false;
        }
        return true;
    }

    private void park() {
        if (meter.state(BackfillState.PAUSED, BackfillProgress.PAUSED_TAG, "paused by an operator")) {
            store.status(pool, ref, BackfillState.PAUSED, batchSize).onComplete(x -> reporter.emit());
        }
        sleeper.sleep(settings.progressIntervalMs()).onComplete(x -> {
            if (pauseRequested || cancelRequested) {
                iterate();
                return;
            }
            store.status(pool, ref, BackfillState.RUNNING, batchSize).onComplete(y -> iterate());
        });
    }

    /** One batch with retries; a null result means a control command or an open breaker arrived during a backoff and no batch ran. */
    private Future<BatchResult> attempt(int rows, int attemptNo) {
        return batches.run(new Cursor(checkpoint.lastKey(), prepared.checkpoint().keyMin()), prepared.runEnd(), rows)
                .recover(err -> retry(err, rows, attemptNo));
    }

    private Future<BatchResult> retry(Throwable err, int rows, int attemptNo) {
        ZdmException classified = Errors.classify(err, ref.stepId());
        ErrorCode code = classified.code();
        long now = System.currentTimeMillis();
        if (failingSince == 0) failingSince = now;
        long failingFor = now - failingSince;
        long delay = settings.backoff().next(code, attemptNo, failingFor, ThreadLocalRandom.current().nextDouble());
        if (delay < 0) {
            return Future.failedFuture(BackfillMessages.describe(err, code, ref, step.table(), checkpoint.lastKey(), rows, prepared.runEnd(), attemptNo,
                    settings.backoff().gaveUp(code, attemptNo, failingFor)));
        }
        if (code == ErrorCode.LOCK_TIMEOUT) gate.recordLockTimeout(monoMs());
        int nextRows = rows;
        if (code == ErrorCode.STATEMENT_TIMEOUT) {
            batchSize = sizer.smaller(Math.min(rows, batchSize), null);
            nextRows = batchSize;
        }
        int retryRows = nextRows;
        String sqlState = classified.sqlState();
        String why = code == ErrorCode.CONNECTION_LOST
                ? "waiting for the database (" + code.code() + (sqlState == null ? "" : " (" + sqlState + ")") + ", unreachable for " + failingFor
                + " ms of the " + settings.backoff().outageWindowMs() + " ms outage window); the batch after key " + checkpoint.lastKey()
                + " is tried again in " + delay + " ms"
                : code.code() + (sqlState == null ? "" : " (" + sqlState + ")") + " on the batch after key " + checkpoint.lastKey()
                + "; retry " + attemptNo + " of " + settings.backoff().maxAttempts() + " in " + delay + " ms";
        LOG.warn("backfill {}: {} with {} rows: {}", ref, why, retryRows, err.getMessage());
        if (meter.state(BackfillState.THROTTLED, BackfillProgress.RETRYING_TAG, why)) reporter.emit();
        return sleeper.sleep(delay)
                .compose(x -> store.read(pool, ref).otherwiseEmpty())
                .compose(fresh -> {
                    // the connection may have dropped after a commit landed: trust the table, not memory
                    if (fresh != null && fresh.isPresent()) checkpoint = fresh.get();
                    if (pauseRequested || cancelRequested) return Future.succeededFuture(null);
                    // a breaker that opened meanwhile holds the job instead of spending retries against a lock
                    if (gate.decide(monoMs()) instanceof ThrottleDecision.Hold) return Future.succeededFuture(null);
                    return attempt(retryRows, attemptNo + 1);
                });
    }

    private void afterBatch(BatchResult batch, boolean fullSize) {
        failingSince = 0;
        checkpoint = checkpoint.advance(batch.upperKey(), batch.rowsAffected());
        gate.recordBatch(batch.elapsedMs());
        meter.batch(batch, checkpoint, monoMs());
        if (fullSize) batchSize = sizer.next(batchSize, batch.elapsedMs());
        if (batch.reachedEnd()) {
            complete();
            return;
        }
        sleeper.sleep(step.options().delayMs()).onComplete(x -> iterate());
    }

    private void complete() {
        KeyRange range = checkpoint.range();
        boolean wholeRange = range != null && range.max().equals(prepared.runEnd());
        Future<Long> past = wholeRange
                ? pool.preparedQuery(prepared.sql().pastBoundQuery()).execute(Tuple.of(range.max()))
                        .map(rows -> rows.iterator().next().getLong("n"))
                : Future.succeededFuture(0L);
        past.onFailure(this::fail).onSuccess(n -> end(BackfillState.COMPLETED, BackfillMessages.completion(step.table(), checkpoint, prepared.runEnd(), wholeRange, n), n));
    }

    private void end(BackfillState state, String message) {
        end(state, message, 0L);
    }

    private void end(BackfillState state, String message, long rowsPastBound) {
        reporter.stop();
        meter.end(state, message);
        store.status(pool, ref, state, batchSize).onComplete(x -> {
            reporter.emit();
            String keyMax = checkpoint.keyMax();
            outcome.tryComplete(new BackfillOutcome(state, checkpoint.rowsAffected(), checkpoint.batchesCompleted(),
                    checkpoint.lastKey(), keyMax, prepared.runEnd(), rowsPastBound, message));
        });
    }

    private ZdmException failedBeforeFirstBatch(ZdmException classified, Throwable err) {
        return new ZdmException(classified.code(), "backfill " + ref + " of " + step.table() + " failed before its first batch: "
                + err.getMessage() + "; check the step against the live schema, then run it again", ref.stepId(), classified.sqlState(), err);
    }

    private void fail(Throwable err) {
        reporter.stop();
        ZdmException failure = err instanceof ZdmException zdm ? zdm
                : failedBeforeFirstBatch(Errors.classify(err, ref.stepId()), err);
        meter.end(BackfillState.FAILED, failure.getMessage());
        Future<Void> recorded = checkpoint == null ? Future.succeededFuture() : store.status(pool, ref, BackfillState.FAILED, batchSize);
        recorded.onComplete(x -> {
            if (checkpoint != null) reporter.emit();
            outcome.tryFail(failure);
        });
    }

    private static long monoMs() {
        return System.nanoTime() / 1_000_000;
    }
}

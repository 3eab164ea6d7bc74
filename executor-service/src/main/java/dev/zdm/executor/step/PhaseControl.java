package dev.zdm.executor.step;

import dev.zdm.executor.batch.Fence;

/**
 * The operator's hold on a running phase: cancel stops it before its next statement or batch; pause
 * holds it between statements or batches (no lock, no open transaction). Thread-safe.
 */
public final class PhaseControl {
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile Integer batchSize;
    private volatile Controllable current;
    private volatile Statement statement;
    private volatile Fence fence;
    private volatile boolean fenced;
    private volatile boolean handingOver;

    /**
     * A statement of the phase running in the database: which backend runs it, for what step, since
     * when. What the executor's heartbeat looks for in {@code pg_stat_activity}: a long index build or
     * VALIDATE is slow, not stuck.
     */
    public record Statement(int pid, String stepId, long startedAt) {
    }

    /** Something running inside the phase that takes the operator's commands itself (a backfill). */
    public interface Controllable {
        void pause();

        void resume();

        void cancel();

        void retryWithSmallerBatch(Integer rows);
    }

    /** Forwards commands to {@code running} until {@link #detach}; applies a pause already in force. */
    public void attach(Controllable running) {
        current = running;
        if (paused) running.pause();
        if (cancelled) running.cancel();
    }

    public void detach(Controllable running) {
        if (current == running) current = null;
    }

    /** The lease this phase runs under; its writes check it. Null when unfenced. */
    public Fence fence() {
        return fence;
    }

    public void fence(Fence held) {
        this.fence = held;
    }

    /**
     * The lease is gone (taken over, or the migration ended): stop like a cancel, and remember why, so
     * the run ends without a result (the phase is someone else's now).
     */
    public void lostLease() {
        fenced = true;
        cancel();
    }

    public boolean lostLeaseSeen() {
        return fenced;
    }

    /**
     * This executor gives the phase away (it is stopping, or its partition moved to another worker):
     * stop like a cancel, between statements or batches (a backfill commits its checkpoint), then give
     * the lease back without a result, so another executor takes the phase over where it stands.
     */
    public void handOver() {
        handingOver = true;
        cancel();
    }

    public boolean handingOver() {
        return handingOver;
    }

    public void cancel() {
        cancelled = true;
        Controllable c = current;
        if (c != null) c.cancel();
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void pause() {
        paused = true;
        Controllable c = current;
        if (c != null) c.pause();
    }

    public void resume() {
        paused = false;
        Controllable c = current;
        if (c != null) c.resume();
    }

    public boolean paused() {
        return paused;
    }

    /** Records that backend {@code pid} runs a statement of {@code stepId}, until {@link #statementEnded}. */
    public void statementStarted(int pid, String stepId) {
        statement = new Statement(pid, stepId, System.currentTimeMillis());
    }

    public void statementEnded(int pid) {
        Statement s = statement;
        if (s != null && s.pid() == pid) statement = null;
    }

    /** The statement running now, or null. */
    public Statement statement() {
        return statement;
    }

    /** True while something that answers to the operator runs inside the phase (a backfill, a copy). */
    public boolean attached() {
        return current != null;
    }

    /** A batch size an operator asked for ("retry with a smaller batch"), or null. */
    public Integer requestedBatchSize() {
        return batchSize;
    }

    public void requestBatchSize(Integer size) {
        batchSize = size;
        Controllable c = current;
        if (c != null) c.retryWithSmallerBatch(size);
    }
}

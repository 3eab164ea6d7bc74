package dev.zdm.executor.step;

/**
 * The operator's hold on a running phase: cancel stops it before its next statement or batch; pause
 * holds it between statements or batches (no lock, no open transaction). Thread-safe.
 */
public final class PhaseControl {
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile Integer batchSize;
    private volatile Controllable current;

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

package dev.zdm.executor.step;

/**
 * The operator's hold on a running phase: cancel stops it before its next statement or batch; pause
 * holds it between statements or batches (no lock, no open transaction). Thread-safe.
 */
public final class PhaseControl {
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile Integer batchSize;

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
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
    }
}

package dev.zdm.executor.batch;

import java.util.Locale;

/** Where a backfill stands. The names match the {@code state} strings of {@code ProgressEvent}. */
public enum BackfillState {
    /** Reading the checkpoint and bounding the key range. */
    STARTING,
    /** Running batches at the sizer's pace. */
    RUNNING,
    /** Running slower than it could, or holding, because of a breaker or its own evidence. */
    THROTTLED,
    /** Stopped between batches by an operator; holds no locks and no transaction. */
    PAUSED,
    /** Stopped by {@code maxDurationMs}; resumes from its checkpoint when run again. */
    STOPPED,
    /** Stopped by an operator; resumes from its checkpoint when run again. */
    CANCELLED,
    /** Every key of this run's range is done. */
    COMPLETED,
    /** A permanent error, or retries exhausted. */
    FAILED;

    /** True once the job has ended and will run no more batches. */
    public boolean terminal() {
        return this == STOPPED || this == CANCELLED || this == COMPLETED || this == FAILED;
    }

    /** The value written to {@code _migration_progress.status}. */
    public String status() {
        return name().toLowerCase(Locale.ROOT);
    }
}

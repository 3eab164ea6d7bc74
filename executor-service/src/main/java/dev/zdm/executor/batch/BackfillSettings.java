package dev.zdm.executor.batch;

import dev.zdm.domain.error.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the executor runs backfills, the same for every step (the plan's {@link
 * dev.zdm.domain.plan.BatchOptions} say what differs per step).
 *
 * @param target             the database backfills write to, as circuit breakers name it
 * @param targetBatchMs      the batch time the sizer aims for
 * @param minBatchRows       hard lower cap on a batch
 * @param maxBatchRows       hard upper cap on a batch
 * @param lockTimeoutMs      {@code SET LOCAL lock_timeout} of every batch
 * @param statementTimeoutMs {@code SET LOCAL statement_timeout} of every batch
 * @param progressIntervalMs how often progress is reported while a backfill runs
 * @param backoff            retry pacing for retriable batch failures
 */
public record BackfillSettings(String target, long targetBatchMs, int minBatchRows, int maxBatchRows, long lockTimeoutMs,
                               long statementTimeoutMs, long progressIntervalMs, Backoff backoff) {
    /**
     * Row-lock wait a batch accepts. A batch that waits for a row an application transaction holds
     * also makes every application write to the rows it already locked wait; 200 ms bounds that
     * queue well under a request timeout, and the batch retries after a backoff.
     */
    public static final long DEFAULT_LOCK_TIMEOUT_MS = 200;
    /**
     * A batch aims for 25 ms; one still running after 5 s is stuck behind something (a full-table
     * scan from a missing key index, heavy I/O) and is better cancelled, shrunk and retried.
     */
    public static final long DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
    /** "At least once a second" is what {@code zdm watch} and the progress topic promise. */
    public static final long DEFAULT_PROGRESS_INTERVAL_MS = 1_000;

    public BackfillSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(backoff, "backoff");
        List<String> problems = new ArrayList<>();
        if (targetBatchMs < 1) problems.add("targetBatchMs must be positive, was " + targetBatchMs);
        if (minBatchRows < 1 || maxBatchRows < minBatchRows) problems.add("need 1 <= minBatchRows <= maxBatchRows, was " + minBatchRows + ".." + maxBatchRows);
        if (lockTimeoutMs < 1) problems.add("lockTimeoutMs must be positive (0 would wait forever), was " + lockTimeoutMs);
        if (statementTimeoutMs < 1) problems.add("statementTimeoutMs must be positive (0 would wait forever), was " + statementTimeoutMs);
        if (progressIntervalMs < 1) problems.add("progressIntervalMs must be positive, was " + progressIntervalMs);
        if (!problems.isEmpty()) throw new IllegalArgumentException("invalid backfill settings: " + String.join("; ", problems));
    }

    /** The defaults, for backfills writing to {@code target}. */
    public static BackfillSettings defaults(String target) {
        return new BackfillSettings(target, BatchSizer.DEFAULT_TARGET_MS, BatchSizer.MIN_ROWS, BatchSizer.MAX_ROWS,
                DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, DEFAULT_PROGRESS_INTERVAL_MS, Backoff.DEFAULT);
    }

    /** The same settings with {@code window} for waiting out an unreachable database. */
    public BackfillSettings withOutageWindow(long window) {
        return new BackfillSettings(target, targetBatchMs, minBatchRows, maxBatchRows, lockTimeoutMs, statementTimeoutMs, progressIntervalMs,
                backoff.withOutageWindow(window));
    }

    /** A sizer with these caps and target. */
    public BatchSizer sizer() {
        return new BatchSizer(targetBatchMs, minBatchRows, maxBatchRows);
    }
}

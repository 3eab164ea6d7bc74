package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;

/**
 * A snapshot of a running backfill, shaped for {@code ProgressEvent}.
 *
 * @param step             which step
 * @param table            the table being backfilled
 * @param state            where it stands
 * @param rowsAffected     rows updated so far, over every run (from the checkpoint)
 * @param rowsCovered      estimate of rows whose keys are behind the cursor (done or not pending), for progress bars
 * @param rowsTotal        estimate of the rows in this run's key range, or null when unknown
 * @param rowsPerSecond    rows updated per second, recently
 * @param batchSize        the size the next batch will have
 * @param etaMs            estimated time to finish this run's range, or null when unknown
 * @param throttleReason   why it is throttled, paused or retrying, in words, or null at full speed
 * @param throttleTag      the kind of that reason as a fixed word for metric tags ({@code breaker_open},
 *                         {@code breaker_half_open}, {@code lock_timeouts}, {@code slow_batches},
 *                         {@code retrying}, {@code paused}), or null
 * @param message          how the run ended (terminal states only), else null
 * @param batchesCompleted batches committed, over every run
 * @param lastKey          the last key done, or null before the first batch
 * @param atMs             when the snapshot was taken, epoch milliseconds
 */
public record BackfillProgress(StepRef step, TableName table, BackfillState state, long rowsAffected, long rowsCovered,
                               Long rowsTotal, double rowsPerSecond, int batchSize, Long etaMs, String throttleReason,
                               String throttleTag, String message, long batchesCompleted, String lastKey, long atMs) {
    /** Tag of a paused job. */
    public static final String PAUSED_TAG = "paused";
    /** Tag of a job waiting to retry a failed batch. */
    public static final String RETRYING_TAG = "retrying";
}

package dev.zdm.executor.batch;

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
 * @param throttleReason   why it is throttled or paused, or null at full speed
 * @param batchesCompleted batches committed, over every run
 * @param lastKey          the last key done, or null before the first batch
 * @param atMs             when the snapshot was taken, epoch milliseconds
 */
public record BackfillProgress(StepRef step, String table, BackfillState state, long rowsAffected, long rowsCovered,
                               Long rowsTotal, double rowsPerSecond, int batchSize, Long etaMs, String throttleReason,
                               long batchesCompleted, String lastKey, long atMs) {
}

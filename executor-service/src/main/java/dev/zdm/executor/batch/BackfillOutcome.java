package dev.zdm.executor.batch;

/**
 * How a backfill run ended (failures end the job's future with a {@code ZdmException} instead).
 *
 * @param state            {@link BackfillState#COMPLETED}, {@link BackfillState#STOPPED} or {@link BackfillState#CANCELLED}
 * @param rowsAffected     rows updated, over every run of the step
 * @param batchesCompleted batches committed, over every run of the step
 * @param lastKey          the last key done, or null when no batch ran
 * @param keyMax           the range's upper bound fixed when the step first started, or null for an empty table
 * @param runEnd           the last key this run was to cover ({@code rolloutPercentage} of the range)
 * @param rowsPastBound    pending rows with keys above {@code keyMax} (inserted after the range was
 *                         bounded), left for the sync or a final pass; counted only when a run
 *                         completes the whole range, else 0
 * @param message          one line for the phase result
 */
public record BackfillOutcome(BackfillState state, long rowsAffected, long batchesCompleted, String lastKey,
                              String keyMax, String runEnd, long rowsPastBound, String message) {
}

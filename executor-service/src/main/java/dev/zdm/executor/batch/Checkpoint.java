package dev.zdm.executor.batch;

/**
 * One row of {@code zdm._migration_progress}: how far a backfill step has come.
 *
 * @param lastKey          the last key done (every key up to it is done), or null before the first batch
 * @param batchesCompleted batches committed, over every run of the step
 * @param rowsAffected     rows updated, over every run of the step
 * @param rowsTotal        row estimate of the whole range made when the step first started, or null
 * @param keyMin           smallest key when the step first started, or null when the table was empty
 * @param keyMax           largest key when the step first started, or null when the table was empty
 * @param status           the {@link BackfillState#status()} last written
 */
public record Checkpoint(String lastKey, long batchesCompleted, long rowsAffected, Long rowsTotal, String keyMin,
                         String keyMax, String status) {

    /** The bounded range, or null when the table was empty when the step first started. */
    public KeyRange range() {
        return keyMin == null || keyMax == null ? null : new KeyRange(keyMin, keyMax);
    }

    /** This checkpoint after one more committed batch ending at {@code upper}. */
    public Checkpoint advance(String upper, long rows) {
        return new Checkpoint(upper, batchesCompleted + 1, rowsAffected + rows, rowsTotal, keyMin, keyMax, status);
    }
}

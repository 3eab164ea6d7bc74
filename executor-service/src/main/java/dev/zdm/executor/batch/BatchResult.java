package dev.zdm.executor.batch;

/**
 * One committed batch.
 *
 * @param upperKey     the batch's last key (now the checkpoint)
 * @param rowsAffected rows the UPDATE changed
 * @param rowsPlanned  the batch size it ran with
 * @param reachedEnd   true when the batch ended at the run's last key
 * @param elapsedMs    begin to commit
 */
public record BatchResult(String upperKey, long rowsAffected, int rowsPlanned, boolean reachedEnd, long elapsedMs) {
}

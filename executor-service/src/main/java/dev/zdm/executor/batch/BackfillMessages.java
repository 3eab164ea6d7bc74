package dev.zdm.executor.batch;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.sql.TableName;
import dev.zdm.runtime.messaging.Errors;

/** The words a backfill ends with: what happened, on which keys, and what to do next. Pure. */
final class BackfillMessages {
    private BackfillMessages() {
    }

    /** The failure of the batch after {@code lastKey}, as a {@link ZdmException} naming the table and key range. */
    static ZdmException describe(Throwable err, ErrorCode code, StepRef ref, TableName table, String lastKey, int rows,
                                 String runEnd, int attempts, String gaveUp) {
        if (err instanceof ZdmException zdm && zdm.code() == ErrorCode.NOT_ALLOWED) return zdm;
        String keys = (lastKey == null ? "from the start of the range" : "after key " + lastKey)
                + " (a batch of up to " + rows + " keys, range end " + runEnd + ")";
        String next = code.retriable()
                ? "the database stayed unavailable or contended (" + gaveUp + "); run the step again"
                + " (it resumes " + resumePoint(lastKey) + ") or retry with a smaller batch"
                : "fix the cause, then run the step again: it resumes " + resumePoint(lastKey);
        String cause = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        return new ZdmException(code, "backfill of " + table + " failed on keys " + keys + ": " + cause + "; " + next,
                ref.stepId(), Errors.classify(err, null).sqlState(), err);
    }

    /** The phase result's line for a completed run. */
    static String completion(TableName table, Checkpoint cp, String runEnd, boolean wholeRange, long rowsPastBound) {
        StringBuilder text = new StringBuilder("backfilled ").append(cp.rowsAffected()).append(" rows of ").append(table)
                .append(" in ").append(cp.batchesCompleted()).append(" batches");
        if (runEnd == null) return text.append(": the table was empty when the step first started").toString();
        text.append(", keys up to ").append(runEnd);
        if (!wholeRange) {
            return text.append(" (this run's rollout share; keys up to ").append(cp.keyMax()).append(" remain)").toString();
        }
        if (rowsPastBound > 0) {
            text.append("; ").append(rowsPastBound).append(" pending rows with keys above ").append(cp.keyMax())
                    .append(" (inserted after the range was bounded) are left for the sync or a final pass");
        }
        return text.toString();
    }

    private static String resumePoint(String lastKey) {
        return lastKey == null ? "from the start of the range" : "after key " + lastKey;
    }
}

package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;
import java.util.Objects;

/**
 * A job's state and rates, and the progress snapshots built from them. Context-confined: call on
 * the job's context.
 */
final class JobMeter {
    private final StepRef ref;
    private final TableName table;
    private final RateMeter rowsRate = new RateMeter();
    private final RateMeter keysRate = new RateMeter();
    private BackfillState state = BackfillState.STARTING;
    private String tag;
    private String reason;
    private String message;
    private BackfillStart.Prepared prepared;
    private long priorRowsAffected;
    private long keysThisRun;

    JobMeter(StepRef ref, TableName table) {
        this.ref = ref;
        this.table = table;
    }

    void begin(BackfillStart.Prepared p, long monoMs) {
        prepared = p;
        priorRowsAffected = p.checkpoint().rowsAffected();
        rowsRate.record(monoMs, priorRowsAffected);
        keysRate.record(monoMs, 0);
    }

    /** Sets a running state with its throttle tag and reason (both null at full speed); true when any changed. */
    boolean state(BackfillState next, String nextTag, String why) {
        boolean changed = next != state || !Objects.equals(why, reason) || !Objects.equals(nextTag, tag);
        state = next;
        tag = nextTag;
        reason = why;
        return changed;
    }

    /** Sets a terminal state and the message it ended with. */
    void end(BackfillState last, String why) {
        state = last;
        tag = null;
        reason = null;
        message = why;
    }

    void batch(BatchResult batch, Checkpoint cp, long monoMs) {
        keysThisRun += batch.rowsPlanned();
        rowsRate.record(monoMs, cp.rowsAffected());
        keysRate.record(monoMs, keysThisRun);
    }

    BackfillProgress snapshot(Checkpoint cp, int batchSize) {
        long mono = System.nanoTime() / 1_000_000;
        long affected = cp == null ? 0 : cp.rowsAffected();
        if (prepared != null && !state.terminal()) {
            rowsRate.record(mono, affected);
            keysRate.record(mono, keysThisRun);
        }
        Long total = prepared == null ? null : prepared.rowsTotal();
        long covered = covered(cp, total);
        Long eta = state == BackfillState.COMPLETED ? Long.valueOf(0)
                : state.terminal() || total == null ? null : RateMeter.etaMs(total - covered, keysRate.perSecond(mono));
        return new BackfillProgress(ref, table, state, affected, covered, total, rowsRate.perSecond(mono), batchSize, eta,
                reason, tag, message, cp == null ? 0 : cp.batchesCompleted(), cp == null ? null : cp.lastKey(), System.currentTimeMillis());
    }

    private long covered(Checkpoint cp, Long total) {
        if (cp == null || prepared == null) return 0;
        if (total == null) return cp.rowsAffected();
        if (state == BackfillState.COMPLETED) return total;
        KeyRange range = cp.range();
        if (range != null && prepared.runEnd() != null && prepared.sql().key().numeric()) {
            var fraction = range.fraction(cp.lastKey(), prepared.runEnd());
            if (fraction.isPresent()) return Math.round(fraction.get() * total);
        }
        return Math.min(total, priorRowsAffected + keysThisRun);
    }
}

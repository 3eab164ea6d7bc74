package dev.zdm.executor.gate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Objects;

/**
 * The gate one backfill consults before each batch. It collects the backfill's own evidence (batch
 * times, lock timeouts) and reads the shared {@link BreakerBoard}; {@link GatePolicy} decides.
 *
 * <p>One gate per running backfill. Not thread-safe: call it from the backfill's own context.
 */
public final class ThrottleGate {
    private final BreakerBoard board;
    private final String target;
    private final long targetBatchMs;
    private final Deque<Long> batchMs = new ArrayDeque<>();
    private final Deque<Long> lockTimeoutsAt = new ArrayDeque<>();

    /**
     * @param board         shared breaker states
     * @param target        the database this backfill writes to, as breakers name it
     * @param targetBatchMs the batch time the sizer aims for
     */
    public ThrottleGate(BreakerBoard board, String target, long targetBatchMs) {
        this.board = Objects.requireNonNull(board, "board");
        this.target = Objects.requireNonNull(target, "target");
        if (targetBatchMs < 1) throw new IllegalArgumentException("target batch time must be positive");
        this.targetBatchMs = targetBatchMs;
    }

    /** A batch committed after {@code elapsedMs}. */
    public void recordBatch(long elapsedMs) {
        batchMs.addLast(Math.max(0, elapsedMs));
        while (batchMs.size() > GatePolicy.BATCH_WINDOW) batchMs.removeFirst();
    }

    /** One of the backfill's own statements hit {@code lock_timeout} (SQLSTATE 55P03) at {@code nowMs}. */
    public void recordLockTimeout(long nowMs) {
        lockTimeoutsAt.addLast(nowMs);
    }

    /** The decision for the next batch, at {@code nowMs} (epoch or monotonic milliseconds, used consistently). */
    public ThrottleDecision decide(long nowMs) {
        while (!lockTimeoutsAt.isEmpty() && lockTimeoutsAt.peekFirst() <= nowMs - GatePolicy.LOCK_WINDOW_MS) {
            lockTimeoutsAt.removeFirst();
        }
        GateReadings readings = new GateReadings(board.worst(target), targetBatchMs, new ArrayList<>(batchMs),
                lockTimeoutsAt.size());
        return GatePolicy.decide(readings);
    }
}

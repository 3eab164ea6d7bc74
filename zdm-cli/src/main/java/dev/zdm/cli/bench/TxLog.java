package dev.zdm.cli.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What an application worker saw: for every transaction, when it was scheduled to start, when it
 * completed (both {@link System#nanoTime()}), whether it succeeded and what it did. Compact, append-only.
 *
 * <p>Not thread-safe: each worker appends to its own log; {@link #merge} combines them after the
 * workers have been joined.
 */
final class TxLog {
    private long[] scheduled = new long[1024];
    private long[] done = new long[1024];
    private boolean[] failed = new boolean[1024];
    private TxKind[] kind = new TxKind[1024];
    private int size;

    /** Records one transaction of unknown kind. */
    void add(long scheduledNanos, long doneNanos, boolean ok) {
        add(scheduledNanos, doneNanos, ok, TxKind.UNKNOWN);
    }

    /** Records one transaction. */
    void add(long scheduledNanos, long doneNanos, boolean ok, TxKind txKind) {
        if (size == scheduled.length) {
            int capacity = size * 2;
            scheduled = Arrays.copyOf(scheduled, capacity);
            done = Arrays.copyOf(done, capacity);
            failed = Arrays.copyOf(failed, capacity);
            kind = Arrays.copyOf(kind, capacity);
        }
        scheduled[size] = scheduledNanos;
        done[size] = doneNanos;
        failed[size] = !ok;
        kind[size] = txKind;
        size++;
    }

    int size() {
        return size;
    }

    long scheduledAt(int i) {
        return scheduled[i];
    }

    long doneAt(int i) {
        return done[i];
    }

    boolean failed(int i) {
        return failed[i];
    }

    TxKind kind(int i) {
        return kind[i];
    }

    /** All transactions of {@code logs} in one log, in no particular order. */
    static TxLog merge(List<TxLog> logs) {
        TxLog all = new TxLog();
        for (TxLog log : logs) {
            for (int i = 0; i < log.size; i++) {
                all.add(log.scheduled[i], log.done[i], !log.failed[i], log.kind[i]);
            }
        }
        return all;
    }
}

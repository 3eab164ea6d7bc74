package dev.zdm.sync.lag;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * zdm's markers in one capture's stream, and what they say about its lag. A marker is a logical
 * decoding message ({@code pg_logical_emit_message}) whose content is {@code <incarnation>:<seq>:<emitted at ms>};
 * it reaches the applier after every change committed before it. So:
 * <ul>
 *   <li>once marker {@code n} is applied, every change committed before {@code n} was emitted is applied
 *       (a drain point: DRAIN and the switch wait for one);</li>
 *   <li>the time from emitting a marker to applying it is the sync's end-to-end lag, and a marker
 *       emitted but not yet applied makes the lag at least its age (a stalled stream shows).</li>
 * </ul>
 * Markers emitted before the stream began may never arrive; applying a later one settles them, as
 * markers arrive in commit order. Thread-safe: markers are emitted from command and tick threads and
 * applied on the capture's thread.
 */
public final class Markers {
    private final String incarnation = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong next = new AtomicLong();
    private final ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiters = new ConcurrentSkipListMap<>();
    private volatile long applied = -1;
    private volatile long lastLagMs;
    private volatile long lastAppliedLsn;
    private volatile Throwable failure;

    /** A new marker emitted at {@code nowMs}: its sequence number and the content to emit. */
    public record Marker(long seq, String content) {
    }

    public Marker next(long nowMs) {
        long seq = next.getAndIncrement();
        pending.put(seq, nowMs);
        return new Marker(seq, incarnation + ":" + seq + ":" + nowMs);
    }

    /** The marker could not be emitted: it will never arrive. */
    public void abandon(long seq) {
        pending.remove(seq);
    }

    /** Records that the marker with {@code content} was applied (after everything before it) at {@code nowMs}. */
    public void applied(String content, long lsn, long nowMs) {
        String[] parts = content.split(":");
        if (parts.length != 3 || !parts[0].equals(incarnation)) {
            lastAppliedLsn = Math.max(lastAppliedLsn, lsn);
            return;
        }
        long seq = Long.parseLong(parts[1]);
        long emitted = Long.parseLong(parts[2]);
        lastLagMs = Math.max(0, nowMs - emitted);
        lastAppliedLsn = Math.max(lastAppliedLsn, lsn);
        if (seq > applied) applied = seq;
        pending.headMap(seq, true).clear();
        var done = waiters.headMap(seq, true);
        done.values().forEach(f -> f.complete(null));
        done.clear();
    }

    /** Completes once marker {@code seq} (or a later one) was applied, or fails with the capture's failure. */
    public CompletableFuture<Void> whenApplied(long seq) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (failure != null) {
            f.completeExceptionally(failure);
            return f;
        }
        if (applied >= seq) {
            f.complete(null);
            return f;
        }
        waiters.put(seq, f);
        if (applied >= seq) {
            waiters.remove(seq);
            f.complete(null);
        }
        return f;
    }

    /** The capture stopped: every waiter now fails with {@code cause} (markers in flight are lost with it). */
    public void interrupt(Throwable cause) {
        waiters.values().forEach(f -> f.completeExceptionally(cause));
        waiters.clear();
        pending.clear();
    }

    /** The session ended: every waiter fails with {@code cause}, now and later. */
    public void fail(Throwable cause) {
        failure = cause;
        interrupt(cause);
    }

    /** The lag at {@code nowMs}: the last measured one, or the age of the oldest marker still on its way if larger. */
    public long lagMs(long nowMs) {
        Map.Entry<Long, Long> oldest = pending.firstEntry();
        long waiting = oldest == null ? 0 : nowMs - oldest.getValue();
        return Math.max(lastLagMs, waiting);
    }

    /** The WAL position of the last event applied (change or marker). */
    public long lastAppliedLsn() {
        return lastAppliedLsn;
    }

    /** Records that changes up to {@code lsn} were applied. */
    public void changesApplied(long lsn) {
        lastAppliedLsn = Math.max(lastAppliedLsn, lsn);
    }

    /** True once any marker of this incarnation has been applied: the stream runs. */
    public boolean streaming() {
        return applied >= 0;
    }
}

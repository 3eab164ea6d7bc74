package dev.zdm.cli.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The application under test: a fixed rate of {@link AppSession} transactions on several connections.
 *
 * <p>Rate-limited by schedule, not by completion: transaction {@code n} is due at {@code t0 + n/tps},
 * and whichever worker is free takes the next due slot (a shared queue, as a connection pool serves
 * requests), so one connection blocked on a row lock does not hold up the others. When every
 * connection is blocked the backlog grows and is worked off afterwards, each transaction timed from
 * its <em>scheduled</em> start, so a stall counts in full for every transaction that waited through
 * it (no coordinated omission).
 */
final class Workload {
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<TxLog> logs = new ArrayList<>();
    private final long t0;
    private final long intervalNanos;
    private volatile long stopAt = Long.MAX_VALUE;

    private Workload(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    }

    /**
     * Opens {@code connections} sessions, then starts issuing {@code tps} transactions per second.
     *
     * @param maxId the largest key in the table; reads and updates pick keys up to it (and up to the
     *              keys the application inserts itself)
     */
    static Workload start(String jdbcUrl, int tps, int connections, long maxId) throws SQLException {
        AtomicLong keys = new AtomicLong(maxId);
        List<AppSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) sessions.add(new AppSession(jdbcUrl, keys));
        } catch (SQLException e) {
            sessions.forEach(AppSession::close);
            throw e;
        }
        Workload w = new Workload(TimeUnit.SECONDS.toNanos(1) / tps);
        for (int i = 0; i < connections; i++) {
            AppSession session = sessions.get(i);
            TxLog log = new TxLog();
            w.logs.add(log);
            Thread t = new Thread(() -> w.work(session, log), "bench-app-" + i);
            t.setDaemon(true);
            w.threads.add(t);
        }
        w.threads.forEach(Thread::start);
        return w;
    }

    private void work(AppSession session, TxLog log) {
        try (session) {
            while (true) {
                long due = t0 + nextSlot.getAndIncrement() * intervalNanos;
                if (due > stopAt) return;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                TxKind kind = AppSession.pick();
                boolean ok = true;
                try {
                    session.run(kind);
                } catch (SQLException e) {
                    ok = false;
                    firstError.compareAndSet(null, e.getSQLState() + " " + e.getMessage());
                    reconnect(session);
                }
                log.add(due, System.nanoTime(), ok, kind);
            }
        }
    }

    private void reconnect(AppSession session) {
        try {
            session.recover();
        } catch (SQLException e) {
            firstError.compareAndSet(null, "reconnect: " + e.getSQLState() + " " + e.getMessage());
        }
    }

    /** Workers take no slot due after {@code nanoTime}; slots due before it, a backlog included, still run. */
    void stopAfter(long nanoTime) {
        stopAt = nanoTime;
    }

    /**
     * Waits for the workers to finish and returns every transaction they ran.
     *
     * @throws IllegalStateException when a worker is still busy after {@code timeout}
     */
    TxLog await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) throw new IllegalStateException("application worker " + t.getName() + " still busy " + timeout.toSeconds() + " s after the migration ended");
        }
        return TxLog.merge(logs);
    }

    /** The first error a transaction met, or null. */
    String firstError() {
        return firstError.get();
    }
}

package dev.zdm.infra.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * A concurrent write workload: {@code threads} connections each running {@code op} in autocommit,
 * paced to {@code perSecond} in total (0: as fast as they can). Counts writes and errors; records each
 * write's latency. A write may fail with a retriable error (deadlock, serialization): counted, not fatal.
 */
public final class Workload implements AutoCloseable {
    /** One write; gets its thread's connection and random source. */
    @FunctionalInterface
    public interface Op {
        void run(Connection c, SplittableRandom random) throws SQLException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final Recorder latency = new Recorder(3);
    private volatile boolean running = true;
    private volatile Op op;

    public Workload(String url, int threadCount, double perSecond, Op op) {
        this.op = op;
        long intervalNanos = perSecond <= 0 ? 0 : (long) (threadCount * 1_000_000_000L / perSecond);
        for (int i = 0; i < threadCount; i++) {
            long seed = 42 + i;
            Thread t = new Thread(() -> loop(url, seed, intervalNanos), "workload-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public Workload start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Replaces the write (e.g. the application moved to the new shape). */
    public void op(Op next) {
        this.op = next;
    }

    private void loop(String url, long seed, long intervalNanos) {
        SplittableRandom random = new SplittableRandom(seed);
        long next = System.nanoTime();
        Connection c = null;
        while (running) {
            try {
                if (c == null || c.isClosed()) c = DriverManager.getConnection(url);
                long started = System.nanoTime();
                op.run(c, random);
                latency.recordValue(Math.max(1, (System.nanoTime() - started) / 1_000));
                writes.incrementAndGet();
            } catch (SQLException e) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, e);
                try {
                    if (c != null) c.close();
                } catch (SQLException ignored) {
                    // reconnect next round
                }
                c = null;
            }
            if (intervalNanos > 0) {
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) sleepNanos(sleep);
                else if (sleep < -1_000_000_000L) next = System.nanoTime();
            }
        }
        try {
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // done
        }
    }

    public long writes() {
        return writes.get();
    }

    public long errors() {
        return errors.get();
    }

    public Throwable firstError() {
        return firstError.get();
    }

    /** Write latencies in microseconds since the last call. */
    public org.HdrHistogram.Histogram latencyMicros() {
        return latency.getIntervalHistogram();
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

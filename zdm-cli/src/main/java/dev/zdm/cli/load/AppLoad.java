package dev.zdm.cli.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * The demo application: {@code workers} threads, each with its own connection, issuing a fixed rate of
 * transactions on {@code users (id, email)} (the columns every demo migration keeps): 60% point reads,
 * 30% updates, 10% inserts. Latency
 * is measured from each transaction's scheduled start (so a stall counts in full, not only the one
 * statement that hit it); failures are counted with the first message kept.
 */
public final class AppLoad implements AutoCloseable {
    private final String jdbcUrl;
    private final int ratePerSecond;
    private final int workers;
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long maxId;
    private long startedAt;
    private final org.HdrHistogram.Histogram total = new org.HdrHistogram.Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private long windowStartedAt;
    private long windowOk;
    private long windowFailed;
    private String windowFirstError;

    public AppLoad(String jdbcUrl, int ratePerSecond, int workers) {
        this.jdbcUrl = jdbcUrl;
        this.ratePerSecond = ratePerSecond;
        this.workers = workers;
    }

    /** The result of a load run. */
    public record Summary(long transactions, long failed, double tps, double p50Ms, double p99Ms, double maxMs, String firstError) {
        @Override
        public String toString() {
            return String.format("%,d transactions (%.0f/s), %d failed, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%s",
                    transactions, tps, failed, p50Ms, p99Ms, maxMs, firstError == null ? "" : " (first error: " + firstError + ")");
        }
    }

    public AppLoad start() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); var rs = c.createStatement().executeQuery("SELECT coalesce(max(id), 1) FROM users")) {
            rs.next();
            maxId = rs.getLong(1);
        }
        startedAt = System.nanoTime();
        windowStartedAt = startedAt;
        latency.getIntervalHistogram();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "app-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void work() {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * workers / ratePerSecond;
        long next = System.nanoTime();
        Connection conn = null;
        while (running) {
            try {
                if (conn == null) conn = connect();
                long now = System.nanoTime();
                if (now < next) TimeUnit.NANOSECONDS.sleep(next - now);
                transaction(conn);
                ok.incrementAndGet();
            } catch (SQLException e) {
                failed.incrementAndGet();
                firstError.compareAndSet(null, e.getSQLState() + " " + e.getMessage());
                closeQuietly(conn);
                conn = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - next)));
            next += intervalNanos;
            long behind = System.nanoTime() - next;
            if (behind > TimeUnit.SECONDS.toNanos(1)) next = System.nanoTime();
        }
        closeQuietly(conn);
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl);
        c.createStatement().execute("SET application_name = 'demo-app'");
        return c;
    }

    private void transaction(Connection conn) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(100);
        long id = 1 + random.nextLong(maxId);
        if (pick < 60) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT email FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeQuery().close();
            }
        } else if (pick < 90) {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
                ps.setString(1, "user" + id + "+" + random.nextInt(1_000_000) + "@example.com");
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users (email) VALUES (?) RETURNING id")) {
                ps.setString(1, "new-" + random.nextLong(Long.MAX_VALUE) + "@example.com");
                var rs = ps.executeQuery();
                if (rs.next()) maxId = Math.max(maxId, rs.getLong(1));
            }
        }
    }

    /**
     * What the application saw since the last window (or since it started): for one migration of
     * several. The whole run's summary ({@link #stop}) still counts every transaction.
     */
    public synchronized Summary window() {
        var h = latency.getIntervalHistogram();
        total.add(h);
        long now = System.nanoTime();
        long okNow = ok.get();
        long failedNow = failed.get();
        String error = firstError.get();
        long transactions = okNow - windowOk + failedNow - windowFailed;
        Summary s = new Summary(transactions, failedNow - windowFailed, transactions / Math.max(1e-9, (now - windowStartedAt) / 1e9),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                failedNow > windowFailed && !java.util.Objects.equals(error, windowFirstError) ? error : null);
        windowStartedAt = now;
        windowOk = okNow;
        windowFailed = failedNow;
        windowFirstError = error;
        return s;
    }

    /** Stops the workers and summarizes the run. */
    public synchronized Summary stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var h = total.copy();
        h.add(latency.getIntervalHistogram());
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        return new Summary(ok.get() + failed.get(), failed.get(), (ok.get() + failed.get()) / seconds,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, firstError.get());
    }

    @Override
    public void close() {
        if (running) stop();
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            // the connection is already broken; the failure that broke it was counted
        }
    }
}

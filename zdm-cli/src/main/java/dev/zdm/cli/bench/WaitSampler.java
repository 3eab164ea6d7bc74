package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A diagnostic: samples {@code pg_stat_activity} every few milliseconds while a migration runs and
 * counts what the active sessions were doing, the application's apart from the migration's and from
 * the server's own processes (autovacuum, checkpointer, background writer, WAL writer, when not idle)
 * ({@code CPU} when active with no wait event). Lock waits ({@code Lock:transactionid}) say the
 * application queued behind the migration's row locks; {@code CPU} and {@code LWLock}/{@code IO}
 * say it competed for the machine. Costs one small query per sample, so it is opt-in.
 */
final class WaitSampler implements AutoCloseable {
    private static final String QUERY = "SELECT CASE WHEN backend_type <> 'client backend' THEN replace(backend_type, ' ', '-')"
            + " WHEN application_name = '" + AppSession.APPLICATION_NAME + "' THEN 'app' ELSE 'migration' END,"
            + " coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*)"
            + " FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            + " AND (state = 'active' OR (backend_type <> 'client backend' AND wait_event_type IS DISTINCT FROM 'Activity'))"
            + " GROUP BY 1, 2";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private WaitSampler(Connection conn, long intervalMs) {
        thread = new Thread(() -> loop(conn, intervalMs), "bench-wait-sampler");
        thread.setDaemon(true);
    }

    static WaitSampler start(String jdbcUrl, long intervalMs) throws SQLException {
        WaitSampler sampler = new WaitSampler(DriverManager.getConnection(jdbcUrl), intervalMs);
        sampler.thread.start();
        return sampler;
    }

    private void loop(Connection conn, long intervalMs) {
        try (conn; Statement s = conn.createStatement()) {
            s.execute("SET application_name = 'bench-sampler'");
            while (running) {
                try (ResultSet rs = s.executeQuery(QUERY)) {
                    while (rs.next()) counts.computeIfAbsent(rs.getString(1) + " " + rs.getString(2), k -> new AtomicLong()).addAndGet(rs.getLong(3));
                }
                samples.incrementAndGet();
                Thread.sleep(intervalMs);
            }
        } catch (SQLException e) {
            counts.computeIfAbsent("sampler failed: " + e.getMessage(), k -> new AtomicLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** E.g. {@code 412 samples; app: CPU 300, Lock:transactionid 41; migration: CPU 380, IO:DataFileRead 12}. */
    String describe() {
        Map<String, Map<String, Long>> byWho = new TreeMap<>();
        counts.forEach((key, n) -> {
            int space = key.indexOf(' ');
            byWho.computeIfAbsent(key.substring(0, space), k -> new TreeMap<>()).put(key.substring(space + 1), n.get());
        });
        StringBuilder out = new StringBuilder(samples.get() + " samples of active sessions");
        byWho.forEach((who, waits) -> out.append("; ").append(who).append(": ").append(waits.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}

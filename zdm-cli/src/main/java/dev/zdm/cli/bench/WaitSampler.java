package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** One row of one sample: at {@code atNanos}, {@code n} sessions of {@code who} were in wait event {@code event}. */
    private record Seen(long atNanos, String who, String event, long n) {
    }

    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> sampledAt = Collections.synchronizedList(new ArrayList<>());
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
                long at = System.nanoTime();
                try (ResultSet rs = s.executeQuery(QUERY)) {
                    while (rs.next()) seen.add(new Seen(at, rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
                sampledAt.add(at);
                Thread.sleep(intervalMs);
            }
        } catch (SQLException e) {
            seen.add(new Seen(System.nanoTime(), "sampler", "failed: " + e.getMessage(), 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** E.g. {@code 412 samples; app: CPU 300, Lock:transactionid 41; migration: CPU 380, IO:DataFileRead 12}. */
    String describe() {
        return describe(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The same, for the samples taken within {@code [from, to]} (nanoTime). */
    String describe(long from, long to) {
        Map<String, Map<String, Long>> byWho = new TreeMap<>();
        long samples;
        synchronized (sampledAt) {
            samples = sampledAt.stream().filter(t -> t >= from && t <= to).count();
        }
        synchronized (seen) {
            for (Seen x : seen) {
                if (x.atNanos() >= from && x.atNanos() <= to) byWho.computeIfAbsent(x.who(), k -> new TreeMap<>()).merge(x.event(), x.n(), Long::sum);
            }
        }
        StringBuilder out = new StringBuilder(samples + " samples");
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

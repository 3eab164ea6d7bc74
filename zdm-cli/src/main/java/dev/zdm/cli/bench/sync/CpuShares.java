package dev.zdm.cli.bench.sync;

import dev.zdm.infra.load.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Who used the CPU during a measured window (Linux only): the application's backends, the sync's
 * apply backend, the walsender, the rest of PostgreSQL, the application's JDBC threads in this JVM, this
 * JVM's JIT compilers, and the rest of this JVM (the sync, and the garbage collector). Read from {@code /proc/<pid>/stat} (user + system ticks) at the
 * start and end of the window; the PostgreSQL processes come from {@code pg_stat_activity}.
 */
final class CpuShares {
    private static final double TICKS_PER_SECOND = 100.0;

    private final Db db;
    private final Map<Long, String> processes = new LinkedHashMap<>();
    private final Map<String, Long> startTicks = new TreeMap<>();
    private long startNanos;

    CpuShares(Db db) {
        this.db = db;
    }

    /** Snapshots the processes now running and their CPU so far. */
    CpuShares start() {
        processes.clear();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid, backend_type, application_name FROM pg_stat_activity")) {
            while (rs.next()) processes.put(rs.getLong(1), category(rs.getString(2), rs.getString(3)));
        } catch (SQLException e) {
            throw new IllegalStateException("reading pg_stat_activity: " + e.getMessage(), e);
        }
        startTicks.clear();
        startTicks.putAll(ticks());
        startNanos = System.nanoTime();
        return this;
    }

    /** CPU seconds per second of wall time (1.0 = one core busy) per category since {@link #start()}. */
    Map<String, Double> stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new TreeMap<>();
        ticks().forEach((k, v) -> cores.put(k, (v - startTicks.getOrDefault(k, 0L)) / TICKS_PER_SECOND / seconds));
        return cores;
    }

    private static String category(String backendType, String applicationName) {
        if ("walsender".equals(backendType)) return "pg walsender";
        if (!"client backend".equals(backendType)) return "pg other";
        if (applicationName != null && applicationName.startsWith("zdm-sync-")) return "pg sync backends";
        return "pg app backends";
    }

    private Map<String, Long> ticks() {
        Map<String, Long> sums = new TreeMap<>();
        processes.forEach((pid, cat) -> sums.merge(cat, processTicks(Path.of("/proc", pid.toString(), "stat")), Long::sum));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                String name = read(task.resolve("comm")).trim();
                sums.merge(jvmCategory(name), processTicks(task.resolve("stat")), Long::sum);
            });
        } catch (IOException e) {
            throw new IllegalStateException("listing /proc/self/task: " + e.getMessage(), e);
        }
        return sums;
    }

    /** This JVM's threads: the application's writers, the JIT compilers (warm-up, not the sync's steady cost), the rest. */
    private static String jvmCategory(String thread) {
        if (thread.startsWith("workload-")) return "jvm app writers";
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) return "jvm jit";
        return "jvm sync and rest";
    }

    private static long processTicks(Path stat) {
        String text = read(stat);
        if (text.isEmpty()) return 0;
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }
}

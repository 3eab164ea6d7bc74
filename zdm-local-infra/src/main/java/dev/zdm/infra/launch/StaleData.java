package dev.zdm.infra.launch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a JVM killed without its shutdown hooks ({@code kill -9}, an OOM kill, a CI timeout)
 * left in {@code java.io.tmpdir}: broker folders ({@code zdm-kafka-*}) and embedded PostgreSQL data
 * folders ({@code epg*}) together with the server still running on them, which would otherwise hold
 * a port and memory until the machine restarts.
 *
 * <p>A folder is stale when nobody holds its lock file (Kafka's {@code .lock}, zonky's
 * {@code epg-lock}): the operating system releases a dead process's locks. Folders younger than
 * {@link #MIN_AGE} are left alone because their owner may not have taken the lock yet. The sweep
 * runs once per JVM, before this JVM starts any server, because on Linux probing a lock this JVM
 * holds would release it.
 */
final class StaleData {

    static final Duration MIN_AGE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(StaleData.class);
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final long STOP_WAIT_SECONDS = 10;

    private StaleData() {
    }

    /** Sweeps {@code java.io.tmpdir} unless this JVM did already. Never fails: a sweep is best effort. */
    static void sweepOnce() {
        if (SWEPT.compareAndSet(false, true)) {
            sweep(Path.of(System.getProperty("java.io.tmpdir")), MIN_AGE);
        }
    }

    /**
     * Sweeps {@code tmp}, considering folders last modified at least {@code minAge} ago. Must not be
     * pointed at folders whose servers run in this JVM (see the class comment).
     */
    static void sweep(Path tmp, Duration minAge) {
        Instant cutoff = Instant.now().minus(minAge);
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(Files::isDirectory).filter(StaleData::ours).filter(d -> modifiedBefore(d, cutoff))
                    .forEach(StaleData::sweep);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sweep stale zdm data in {}: {}", tmp, e.toString());
        }
    }

    private static void sweep(Path dir) {
        String name = dir.getFileName().toString();
        try {
            if (name.startsWith("zdm-kafka-") && unlocked(kafkaLocks(dir))) {
                LOG.info("deleting broker data {} left by a JVM that ended without stopping it", dir);
                TempDirs.delete(dir);
            } else if (name.startsWith("epg") && Files.exists(dir.resolve("PG_VERSION"))
                    && unlocked(List.of(dir.resolve("epg-lock")))) {
                stopServerOn(dir);
                LOG.info("deleting PostgreSQL data {} left by a JVM that ended without stopping it", dir);
                TempDirs.delete(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clear stale {}: {}", dir, e.toString());
        }
    }

    private static List<Path> kafkaLocks(Path dir) throws IOException {
        try (Stream<Path> logDirs = Files.list(dir)) {
            return logDirs.map(d -> d.resolve(".lock")).filter(Files::exists).toList();
        }
    }

    /** True when no process holds any of {@code locks} (missing files count as free). */
    private static boolean unlocked(List<Path> locks) throws IOException {
        for (Path lock : locks) {
            if (!Files.exists(lock)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
                 FileLock held = channel.tryLock()) {
                if (held == null) {
                    return false;
                }
            } catch (OverlappingFileLockException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the postmaster still running on {@code dataDir}, if any: SIGTERM, then SIGKILL after 10 s.
     * Best effort: a missing or unreadable pid file means there is nothing to stop.
     */
    static void stopServerOn(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(p -> p.info().commandLine().orElse("").contains(dataDir.toString()));
        if (process.isEmpty()) {
            return;
        }
        LOG.info("stopping orphaned PostgreSQL (pid {}) on {}", pid, dataDir);
        stop(process.get());
    }

    /** Stops every process whose command line names {@code dir} (a pg_ctl or postmaster of a failed start) and waits for it. */
    static void stopProcessesNaming(Path dir) {
        // the folder's name whole: epg12 must not match a process on epg123
        Pattern naming = Pattern.compile(Pattern.quote(dir.toString()) + "(?=[\\s/\"']|$)");
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> naming.matcher(line).find()).orElse(false))
                .forEach(p -> {
                    LOG.info("stopping process {} of a failed PostgreSQL start on {}", p.pid(), dir);
                    stop(p);
                });
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@link #STOP_WAIT_SECONDS}. */
    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    /** Only this user's folders: another user's server is not ours to stop, nor its lock ours to probe. */
    private static boolean ours(Path dir) {
        try {
            return Files.getOwner(dir).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean modifiedBefore(Path dir, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }
}

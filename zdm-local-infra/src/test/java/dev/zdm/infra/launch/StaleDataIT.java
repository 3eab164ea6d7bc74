package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.LocalInfraMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed with SIGKILL leaves a running PostgreSQL and both data folders behind; the sweep stops
 * the server and deletes the folders. The killed JVM is a child process with a temporary folder of
 * its own, so the sweep here never probes the locks of servers this JVM runs.
 */
class StaleDataIT {

    @Test
    void leavesALiveJvmsServersAloneAndClearsWhatAKilledOneLeftBehind() throws Exception {
        Path tmp = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stale-it-");
        Process child = startInfraMain(tmp);
        Optional<ProcessHandle> orphan;
        try {
            awaitLine(child, "running", Duration.ofSeconds(90));
            Path pgData = only(tmp, "epg");
            Path kafkaData = only(tmp, "zdm-kafka-");
            long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            orphan = ProcessHandle.of(pid);

            StaleData.sweep(tmp, Duration.ZERO);

            assertThat(pgData).as("data of a live JVM's PostgreSQL").exists();
            assertThat(kafkaData).as("data of a live JVM's broker").exists();
            assertThat(orphan).as("a live JVM's PostgreSQL").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(orphan.get().isAlive()).as("PostgreSQL outlives the killed JVM").isTrue();

        StaleData.sweep(tmp, Duration.ZERO);

        assertThat(children(tmp)).noneMatch(p -> p.getFileName().toString().startsWith("zdm-kafka-")
                || p.getFileName().toString().startsWith("epg"));
        assertThat(orphan.get().onExit().get(15, TimeUnit.SECONDS).isAlive()).isFalse();
        TempDirs.delete(tmp);
    }

    private static Process startInfraMain(Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String binaries = Path.of(System.getProperty("java.io.tmpdir"), "zdm-pg-binaries-"
                + System.getProperty("user.name")).toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-Djava.io.tmpdir=" + tmp,
                "-D" + EmbeddedPostgresServer.BINARIES_DIR_PROPERTY + "=" + binaries,
                "-cp", System.getProperty("java.class.path"), LocalInfraMain.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("ZDM_INFRA", "embedded");
        builder.environment().remove("ZDM_KAFKA_BOOTSTRAP");
        builder.environment().remove("ZDM_PG_URL");
        return builder.start();
    }

    private static void awaitLine(Process process, String prefix, Duration timeout) throws Exception {
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(seen.get(timeout.toSeconds(), TimeUnit.SECONDS)).as("child printed '" + prefix + "'").isTrue();
    }

    private static Path only(Path dir, String prefix) throws Exception {
        List<Path> matches = children(dir).stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        assertThat(matches).as(prefix + "* in " + dir).hasSize(1);
        return matches.get(0);
    }

    private static List<Path> children(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}

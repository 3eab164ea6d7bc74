package dev.zdm.cli;

import dev.zdm.infra.junit.TestInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole {@code zdm up} worker in a JVM of its own, on the test's broker, database and topics, that a
 * test can kill like a machine that dies ({@code SIGKILL}: no shutdown hook, no goodbye to the broker,
 * its database sessions cut by the kernel). Its output goes to a file under {@code target/}.
 */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(TestInfra infra, String instance) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "workers"));
        Path config = dir.resolve(instance + ".properties");
        Path log = dir.resolve(instance + ".log");
        StringBuilder properties = new StringBuilder();
        // kafka.bootstrap and http.port are given on the command line, as a team starts zdm up
        Map<String, String> settings = new java.util.TreeMap<>(TestPipeline.workerSettings(infra, instance));
        settings.remove("kafka.bootstrap");
        settings.remove("http.port");
        settings.forEach((k, v) -> properties.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(config, properties);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.zdm.cli.Zdm", "up",
                "--config", config.toString(), "--kafka", infra.kafkaBootstrap(), "--http-port", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new WorkerProcess(p, log);
    }

    /** Dies at once, as a machine does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}

package dev.zdm.infra.launch;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (combined broker and controller) running inside this JVM, with its logs
 * in a folder of its own that {@link #close()} deletes.
 *
 * <p>Start-up formats the storage the way {@code kafka-storage.sh format} does (through Kafka's
 * {@link Formatter}, never the tool's {@code main}, which exits the JVM), pinned to the latest
 * production metadata version, then starts {@link KafkaRaftServer} and waits until an admin client
 * sees the broker. Kafka's own fatal-error paths call {@code Exit.halt}; while a broker runs here
 * those are turned into a logged error and an exception so they cannot kill the JVM that hosts tests
 * or the demo.
 */
public final class EmbeddedKafka implements RunningKafka {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicBoolean EXIT_GUARD_INSTALLED = new AtomicBoolean();

    private volatile KafkaRaftServer server;
    private final KafkaBrokerConfig config;
    private final Path dataRoot;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, KafkaBrokerConfig config, Path dataRoot) {
        this.server = server;
        this.config = config;
        this.dataRoot = dataRoot;
    }

    /**
     * Starts a broker on free loopback ports, with its data in a new folder
     * {@code <java.io.tmpdir>/zdm-kafka-*}.
     *
     * @throws RuntimeException when the broker does not start; nothing is left running then
     */
    public static EmbeddedKafka start() {
        installExitGuard();
        StaleData.sweepOnce();
        Path dataRoot = TempDirs.create("zdm-kafka-");
        try {
            return Retry.onBindFailure(attempt -> {
                KafkaBrokerConfig config = configFor(dataRoot.resolve("log-" + attempt));
                return new EmbeddedKafka(startOnce(config), config, dataRoot);
            });
        } catch (RuntimeException e) {
            TempDirs.delete(dataRoot);
            throw e;
        }
    }

    private static KafkaBrokerConfig configFor(Path logDir) {
        int[] ports = FreePorts.pick(2);
        return new KafkaBrokerConfig(ports[0], ports[1], logDir);
    }

    private static KafkaRaftServer startOnce(KafkaBrokerConfig config) {
        KafkaRaftServer server = null;
        try {
            format(config);
            server = new KafkaRaftServer(KafkaConfig.fromProps(config.properties()), Time.SYSTEM);
            server.startup();
            awaitReady(config.bootstrap());
            return server;
        } catch (Exception e) {
            if (server != null) {
                stop(server);
            }
            TempDirs.delete(config.logDir());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException re ? re
                    : new IllegalStateException("embedded Kafka did not start at " + config.bootstrap() + ": " + e, e);
        }
    }

    private static void format(KafkaBrokerConfig config) throws Exception {
        String dir = config.logDir().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(KafkaBrokerConfig.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir))
                .setMetadataLogDirectory(dir)
                .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    private static void awaitReady(String bootstrap) throws Exception {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(conf)) {
            int nodes = admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes != 1) {
                throw new IllegalStateException("embedded broker at " + bootstrap + " reports " + nodes + " nodes");
            }
        }
    }

    private static void installExitGuard() {
        if (EXIT_GUARD_INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure(EmbeddedKafka::refuseExit);
            Exit.setHaltProcedure(EmbeddedKafka::refuseExit);
        }
    }

    private static void refuseExit(int status, String message) {
        LOG.error("Kafka asked to end the JVM (status {}): {}; refused because the broker is embedded", status,
                message);
        throw new IllegalStateException("Kafka asked to end the JVM (status " + status + "): " + message);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Stops the broker, keeps its data folder, runs {@code whileDown}, then starts it again on the same
     * ports and data: a broker restart, as clients see it. For tests of what survives one.
     */
    public void restart(Runnable whileDown) {
        if (closed.get()) throw new IllegalStateException("the broker is closed");
        stop(server);
        try {
            whileDown.run();
        } finally {
            KafkaRaftServer again = new KafkaRaftServer(KafkaConfig.fromProps(config.properties()), Time.SYSTEM);
            again.startup();
            server = again;
            try {
                awaitReady(config.bootstrap());
            } catch (Exception e) {
                throw new IllegalStateException("embedded Kafka did not come back at " + config.bootstrap() + ": " + e, e);
            }
        }
    }

    @Override
    public String bootstrap() {
        return config.bootstrap();
    }

    @Override
    public String description() {
        return "embedded KRaft " + AppInfoParser.getVersion() + " at " + bootstrap();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop(server);
            TempDirs.delete(dataRoot);
        }
    }
}

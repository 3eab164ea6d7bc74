package dev.zdm.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.zdm.infra.launch.DockerProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Using servers that already run, and cleaning up when only one of the two can be provided. */
class ExternalAndFailureIT {

    @Test
    void externalServersAreUsedAsGivenAndLeftRunning() throws Exception {
        LocalInfra shared = SharedInfra.get();
        PgServer pg = shared.pg();
        InfraOptions external = InfraOptions.defaults()
                .withKafkaBootstrap(shared.kafkaBootstrap())
                .withPostgres("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.adminDatabase(),
                        pg.user(), pg.password());

        try (LocalInfra infra = LocalInfra.start(external)) {
            assertThat(infra.describe()).startsWith("kafka: external at " + shared.kafkaBootstrap())
                    .contains("postgres: external 15.");
            assertThat(infra.pg().port()).isEqualTo(pg.port());
            assertThat(infra.pg().settings()).containsEntry("wal_level", "logical");
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shared.kafkaBootstrap()))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(pg.settings()).containsKey("wal_level");
    }

    @Test
    void whenPostgresCannotBeReachedTheStartedBrokerIsStoppedAndTheErrorSaysWhatToDo() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        InfraOptions options = InfraOptions.defaults().withMode(InfraOptions.Mode.EMBEDDED)
                .withPostgres("jdbc:postgresql://127.0.0.1:" + deadPort + "/postgres?connectTimeout=2", "u", "p");
        Set<String> brokerThreadsBefore = brokerThreads();
        Set<Path> kafkaDirsBefore = kafkaDirs();

        assertThatThrownBy(() -> LocalInfra.start(options))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("PostgreSQL could not be provided")
                .hasMessageContaining("ZDM_PG_URL")
                .hasMessageNotContaining("Kafka could not be provided");

        assertThat(kafkaDirs()).as("broker data left behind").isEqualTo(kafkaDirsBefore);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!brokerThreadsBefore.containsAll(brokerThreads()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(brokerThreads()).as("threads of the broker started for this attempt")
                .isSubsetOf(brokerThreadsBefore);
    }

    @Test
    void anUnreachableExternalBrokerIsReportedClearly() {
        InfraOptions options = InfraOptions.defaults().withMode(InfraOptions.Mode.EMBEDDED)
                .withKafkaBootstrap("127.0.0.1:1");
        long begin = System.nanoTime();

        assertThatThrownBy(() -> LocalInfra.start(options))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("Kafka could not be provided")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin)).isLessThan(30);
    }

    @Test
    void dockerModeWithoutDockerFailsFastAndPointsToTheEmbeddedMode() {
        assumeFalse(DockerProbe.dockerAvailable(), "a Docker engine answers here");
        long begin = System.nanoTime();

        assertThatThrownBy(() -> LocalInfra.start(InfraOptions.defaults().withMode(InfraOptions.Mode.DOCKER)))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("Kafka could not be provided")
                .hasMessageContaining("PostgreSQL could not be provided")
                .hasMessageContaining("ZDM_INFRA=embedded");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin)).isLessThan(15);
    }

    /** Request handler threads of embedded brokers in this JVM, by name and identity. */
    private static Set<String> brokerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().contains("kafka-request-handler"))
                .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toSet());
    }

    private static Set<Path> kafkaDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("zdm-kafka-")).collect(Collectors.toSet());
        }
    }
}

package dev.zdm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts and stops a LocalInfra of its own (not the shared one) and prints how long each server took:
 * the figures the rest of the project plans its test times with.
 */
class LocalInfraIT {

    @Test
    void startsBothServersReadyForUseAndRemovesEverythingOnClose() throws Exception {
        Set<Path> before = tempEntries();
        long begin = System.nanoTime();
        LocalInfra infra = LocalInfra.start();
        long startedMs = (System.nanoTime() - begin) / 1_000_000;
        PgServer pg = infra.pg();
        int kafkaPort = Integer.parseInt(infra.kafkaBootstrap().substring(infra.kafkaBootstrap().lastIndexOf(':') + 1));
        java.util.List<String> seenAtUserClose = new java.util.ArrayList<>();
        infra.closingFirst(() -> seenAtUserClose.add("kafka " + listening(kafkaPort) + ", postgres " + listening(pg.port())));
        try {
            System.out.printf("STARTUP kafka=%d ms postgres=%d ms both(parallel)=%d ms%n",
                    infra.kafkaReadyIn().toMillis(), infra.postgresReadyIn().toMillis(), startedMs);
            System.out.println("DESCRIBE " + infra.describe());

            assertThat(infra.describe()).matches("kafka: .+ at .+:\\d+ \\(ready in \\d+\\.\\d s\\); "
                    + "postgres: .+ at .+:\\d+ \\(ready in \\d+\\.\\d s\\)");
            assertThat(pg.settings()).containsEntry("wal_level", "logical")
                    .containsEntry("synchronous_commit", "on");
            assertThat(Integer.parseInt(pg.settings().get("max_replication_slots"))).isGreaterThanOrEqualTo(20);
            assertThat(Integer.parseInt(pg.settings().get("max_wal_senders"))).isGreaterThanOrEqualTo(20);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            assertThat(listening(pg.port())).isTrue();
            assertThat(listening(kafkaPort)).isTrue();
        } finally {
            long closing = System.nanoTime();
            infra.close();
            System.out.printf("SHUTDOWN both=%d ms%n", (System.nanoTime() - closing) / 1_000_000);
        }
        assertThat(seenAtUserClose).as("a user of the servers is closed once, while both still listen").containsExactly("kafka true, postgres true");
        assertThat(listening(pg.port())).as("postgres port after close").isFalse();
        assertThat(listening(kafkaPort)).as("kafka port after close").isFalse();
        assertThat(tempEntries()).as("data folders left in java.io.tmpdir").isSubsetOf(before);
        infra.close();
    }

    @Test
    void onlyTheLoopbackInterfaceIsUsed() throws Exception {
        try (LocalInfra infra = LocalInfra.start(InfraOptions.fromEnvironment())) {
            assertThat(infra.kafkaBootstrap()).startsWith("127.0.0.1:");
            assertThat(infra.pg().host()).isEqualTo("127.0.0.1");
            Map<String, String> settings = infra.pg().settings();
            if (!infra.describe().contains("container")) {
                assertThat(settings.get("listen_addresses")).isEqualTo("127.0.0.1");
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Entries of java.io.tmpdir and of zonky's {@code embedded-pg} (which holds its data folders), minus
     * what is kept on purpose: the unpacked binaries, and the script zonky deletes when the JVM exits.
     */
    private static Set<Path> tempEntries() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path zonkyData = tmp.resolve("embedded-pg");
        try (Stream<Path> top = Files.list(tmp);
             Stream<Path> data = Files.isDirectory(zonkyData) ? Files.list(zonkyData) : Stream.empty()) {
            return Stream.concat(top, data)
                    .filter(p -> !p.equals(zonkyData))
                    .filter(p -> !p.getFileName().toString().startsWith("zdm-pg-binaries-"))
                    .filter(p -> !p.getFileName().toString().startsWith("detect_linux_distribution"))
                    .collect(Collectors.toSet());
        }
    }

}

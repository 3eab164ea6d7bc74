package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.messaging.Topics;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zdm up} as its own process, configured as a team would (the target's password in a file,
 * tokens in a tokens file, a second target whose database is gone), runs a migration submitted over
 * HTTP with a token. Then neither the password nor the token nor its digest appears in any log line,
 * in {@code /metrics}, {@code /health}, any event on any topic, or the process's arguments; and the
 * broken target is reported by name without stopping the process.
 */
@ExtendWith(ZdmInfraExtension.class)
class SecretsNeverLeakIT {
    private static final Pattern HTTP_PORT = Pattern.compile("http :(\\d+)");

    @TempDir
    Path dir;

    @Test
    void a_full_migration_with_a_password_and_a_token_leaves_neither_anywhere(TestInfra infra) throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String token = Tokens.generate();
        String role = "zdm_app_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + password + "';"
                    + "CREATE TABLE accounts (id bigserial PRIMARY KEY, email text); INSERT INTO accounts (email) SELECT 'a' || g FROM generate_series(1, 500) g;"
                    + "ALTER TABLE accounts OWNER TO " + role);
        }
        Path passwordFile = Files.writeString(dir.resolve("pg-password"), password + "\n");
        Path tokens = Files.writeString(dir.resolve("tokens.properties"), "ci.digest=" + Tokens.digestHex(token) + "\nci.roles=submitter\n");
        Path config = Files.writeString(dir.resolve("zdm.properties"), "kafka.topicPrefix=" + infra.topicPrefix() + "\nauth.tokensFile=" + tokens
                + "\ntargets.broken.url=postgresql://" + infra.pg().host() + ":" + infra.pg().port() + "/no_such_database\n");
        String url = "postgresql://" + role + "@" + infra.pg().host() + ":" + infra.pg().port() + "/" + infra.database();
        Path log = dir.resolve("zdm-up.log");
        Process zdm = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), Zdm.class.getName(), "up", "--kafka", infra.kafkaBootstrap(), "--pg", url,
                "--pg-password-file", passwordFile.toString(), "--config", config.toString(), "--http-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = awaitPort(log, zdm);
            String cmdline = Files.readString(Path.of("/proc/" + zdm.pid() + "/cmdline")).replace('\0', ' ');
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            Topics topics = new Topics(infra.topicPrefix());
            try (var follower = new dev.zdm.cli.follow.ProgressFollower(infra.kafkaBootstrap(), topics.progress(), Requests.codec(), false)) {
                var accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/migrations")).header("content-type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(
                                "{\"id\":\"secret-1\",\"target\":\"default\",\"sql\":\"ALTER TABLE accounts ADD COLUMN note text\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                assertThat(Requests.follow(follower, "secret-1", Duration.ofSeconds(90), e -> { })).isEqualTo("COMPLETED");
            }
            assertThat(query(infra, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note'"))
                    .isEqualTo("1");
            String health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).as("the broken target is named and down; the process runs on").contains("\"planner.target.broken\":\"DOWN\"");
            String logged = Files.readString(log);
            assertThat(logged).as("the log says which target is broken").contains("broken").contains("no_such_database")
                    .contains("connects as " + role + ", a superuser");
            byte[] events = everyEvent(infra, topics);

            for (String secret : List.of(password, token, Tokens.digestHex(token))) {
                assertThat(logged).as("log lines").doesNotContain(secret);
                assertThat(health).as("/health").doesNotContain(secret);
                assertThat(metrics).as("/metrics").doesNotContain(secret);
                assertThat(cmdline).as("process arguments").doesNotContain(secret);
                assertThat(new String(events, StandardCharsets.ISO_8859_1)).as("events on every topic").doesNotContain(secret);
            }
        } finally {
            zdm.destroy();
            if (!zdm.waitFor(30, TimeUnit.SECONDS)) zdm.destroyForcibly();
        }
    }

    private static int awaitPort(Path log, Process zdm) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = HTTP_PORT.matcher(text);
            if (text.contains("zdm up: planner") && m.find()) return Integer.parseInt(m.group(1));
            if (!zdm.isAlive()) throw new AssertionError("zdm up exited " + zdm.exitValue() + ":\n" + text);
            Thread.sleep(200);
        }
        throw new AssertionError("zdm up did not start:\n" + Files.readString(log));
    }

    /** Every record's key, headers and value on every topic of the test's prefix, dead-letter twins included. */
    private static byte[] everyEvent(TestInfra infra, Topics topics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(topics.all());
        topics.all().forEach(t -> all.add(Topics.dlq(t)));
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(all);
            long quietSince = System.currentTimeMillis();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - quietSince < 3_000) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) quietSince = System.currentTimeMillis();
                records.forEach(r -> {
                    if (r.key() != null) out.writeBytes(r.key().getBytes(StandardCharsets.UTF_8));
                    r.headers().forEach(h -> out.writeBytes(h.value() == null ? new byte[0] : h.value()));
                    if (r.value() != null) out.writeBytes(r.value());
                });
            }
        }
        assertThat(out.size()).as("events were read").isPositive();
        return out.toByteArray();
    }

    private static String query(TestInfra infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

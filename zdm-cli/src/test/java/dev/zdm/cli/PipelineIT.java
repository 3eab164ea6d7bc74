package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.events.MigrationRejected;
import dev.zdm.events.ProgressEvent;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.kafka.DeadLetters;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton through the real pipeline: a real broker, a real PostgreSQL, all four services
 * in one process. A request is planned, run by the executor, recorded done, and its progress streamed;
 * bad input is rejected or dead-lettered without stopping anything.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    private static final String CI_TOKEN = Tokens.generate();
    private static final String BILLING_TOKEN = Tokens.generate();
    private static final String VIEWER_TOKEN = Tokens.generate();
    private static final String OPERATOR_TOKEN = Tokens.generate();
    private TestInfra infra;
    private ZdmProcess zdm;
    private Topics topics;

    @BeforeAll
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        this.topics = new Topics(infra.topicPrefix());
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);"
                    + "INSERT INTO users (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 1000) g");
        }
        Map<String, String> settings = new java.util.HashMap<>(Map.of("kafka.bootstrap", infra.kafkaBootstrap(),
                "kafka.topicPrefix", infra.topicPrefix(), "targets.main.url", infra.jdbcUrl(), "http.port", "0",
                "executor.retryFirstDelayMs", "50", "executor.retryMaxDelayMs", "400", "monitor.intervalMs", "500"));
        settings.putAll(Map.of("auth.tokens.ci.digest", Tokens.digestHex(CI_TOKEN), "auth.tokens.ci.roles", "submitter,deployer",
                "auth.tokens.ci.targets", "*", "auth.tokens.billing-team.digest", Tokens.digestHex(BILLING_TOKEN),
                "auth.tokens.billing-team.roles", "submitter", "auth.tokens.billing-team.targets", "billing",
                "auth.tokens.dashboard.digest", Tokens.digestHex(VIEWER_TOKEN), "auth.tokens.dashboard.roles", "viewer",
                "auth.tokens.ops.digest", Tokens.digestHex(OPERATOR_TOKEN), "auth.tokens.ops.roles", "operator"));
        zdm = ZdmProcess.start(Settings.of(settings), AllServices.factories());
    }

    @AfterAll
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    void a_requested_migration_is_planned_run_recorded_done_and_its_progress_streamed() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        var request = Requests.request("it-add-column", "main", "add_column.sql",
                "ALTER TABLE users ADD COLUMN status text DEFAULT 'active';");

        String end = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), events::add);

        assertThat(end).isEqualTo("COMPLETED");
        assertThat(events).extracting(ProgressEvent::getState).contains("PLANNED", "RUNNING", "COMPLETED");
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'status'")).isEqualTo("1");
        assertThat(query("SELECT status FROM zdm.migrations WHERE migration_id = 'it-add-column'")).isEqualTo("COMPLETED");
        assertThat(query("SELECT status FROM zdm.migration_phases WHERE migration_id = 'it-add-column'")).isEqualTo("COMPLETED");
        assertThat(query("SELECT count(*) FROM zdm.step_runs WHERE migration_id = 'it-add-column'")).isEqualTo("1");
    }

    @Test
    void a_resubmitted_id_answers_with_its_outcome_and_other_sql_under_it_is_refused() throws Exception {
        String sql = "ALTER TABLE users ADD COLUMN nickname text;";
        var request = Requests.request("it-resubmit", "main", "nickname.sql", sql);
        assertThat(Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), e -> { }))
                .isEqualTo("COMPLETED");

        List<ProgressEvent> again = new ArrayList<>();
        String second = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, Requests.request("it-resubmit", "main", "nickname.sql", sql),
                Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), again::add);
        assertThat(second).as("the same request again is told its end, not left waiting").isEqualTo("COMPLETED");
        assertThat(again).last().extracting(ProgressEvent::getMessage).asString().contains("requested again");

        List<ProgressEvent> other = new ArrayList<>();
        String third = Requests.submitAndFollow(infra.kafkaBootstrap(), topics,
                Requests.request("it-resubmit", "main", "other.sql", "ALTER TABLE users DROP COLUMN nickname;"),
                Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), other::add);
        assertThat(third).isEqualTo("REJECTED");
        assertThat(other).last().extracting(ProgressEvent::getMessage).asString().contains("already exists (COMPLETED) with other SQL");
        assertThat(query("SELECT status FROM zdm.migrations WHERE migration_id = 'it-resubmit'")).isEqualTo("COMPLETED");
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'")).isEqualTo("1");
    }

    @Test
    void a_ddl_that_meets_a_held_lock_retries_and_succeeds_once_the_lock_goes() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        try (Connection holder = DriverManager.getConnection(infra.jdbcUrl())) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE users IN ACCESS SHARE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1_500);
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            var request = Requests.request("it-locked", "main", "locked.sql", "ALTER TABLE users ADD COLUMN note text;");
            String end = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), events::add);
            release.join();
            assertThat(end).isEqualTo("COMPLETED");
        }
        assertThat(events).filteredOn(e -> "THROTTLED".equals(e.getState()))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getThrottleReason()).contains("55P03"));
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'note'")).isEqualTo("1");
    }

    @Test
    void a_failing_statement_fails_the_migration_with_the_database_error() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        var request = Requests.request("it-bad-sql", "main", "bad.sql", "ALTER TABLE no_such_table ADD COLUMN x int;");

        String end = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), events::add);

        assertThat(end).isEqualTo("FAILED");
        assertThat(events.get(events.size() - 1).getMessage()).contains("ZDM-UNKNOWN-TABLE").contains("no_such_table");
        assertThat(query("SELECT status || ' ' || error_code FROM zdm.migrations WHERE migration_id = 'it-bad-sql'"))
                .isEqualTo("FAILED ZDM-UNKNOWN-TABLE");
    }

    @Test
    void a_request_for_an_unknown_target_is_rejected_with_the_reason() throws Exception {
        var request = Requests.request("it-unknown-target", "nowhere", "x.sql", "SELECT 1;");
        String end = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), e -> { });
        assertThat(end).isEqualTo("REJECTED");
        var rejected = readAll(topics.migrationPlans(), r -> true).stream()
                .map(r -> Requests.codec().decode(r.value())).filter(MigrationRejected.class::isInstance)
                .map(MigrationRejected.class::cast).filter(m -> m.getMigrationId().equals("it-unknown-target")).findFirst();
        assertThat(rejected).hasValueSatisfying(m -> {
            assertThat(m.getError().getCode()).isEqualTo("ZDM-UNKNOWN-TARGET");
            assertThat(m.getError().getMessage()).contains("nowhere").contains("main");
        });
    }

    @Test
    void unparseable_sql_is_rejected_naming_file_line_and_column() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        var request = Requests.request("it-unparseable", "main", "broken.sql", "ALTER TABLE users ADD COLUMN a text;\nSELECT 'never closed;\n");
        String end = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), events::add);
        assertThat(end).isEqualTo("REJECTED");
        assertThat(events.get(events.size() - 1).getMessage()).contains("ZDM-SQL-PARSE").contains("broken.sql:2:8");
        assertThat(query("SELECT status || ' ' || error_code FROM zdm.migrations WHERE migration_id = 'it-unparseable'"))
                .isEqualTo("REJECTED ZDM-SQL-PARSE");
    }

    @Test
    void health_metrics_and_the_http_doors_admit_only_callers_with_the_right_token() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + zdm.httpPort();
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("planner.requests").contains("executor.commands")
                .contains("sync.slots").contains("monitor.rounds");

        String migration = "{\"id\":\"%s\",\"target\":\"%s\",\"sql\":\"COMMENT ON TABLE users IS 'via http'\"}";
        assertThat(post(base + "/api/migrations", null, migration.formatted("it-http-anonymous", "main")).statusCode()).isEqualTo(401);
        assertThat(post(base + "/api/migrations", Tokens.generate(), migration.formatted("it-http-unknown", "main")).statusCode()).isEqualTo(401);
        var otherTarget = post(base + "/api/migrations", BILLING_TOKEN, migration.formatted("it-http-other-target", "main"));
        assertThat(otherTarget.statusCode()).isEqualTo(403);
        assertThat(otherTarget.body()).contains("billing-team may not submit to target main");
        var viewerControl = post(base + "/api/migrations/it-add-column/control", VIEWER_TOKEN, "{\"action\":\"cancel\"}");
        assertThat(viewerControl.statusCode()).isEqualTo(403);
        assertThat(viewerControl.body()).contains("operator");
        assertThat(post(base + "/api/deployments", BILLING_TOKEN, "{\"service\":\"app\",\"version\":\"v2\"}").statusCode()).isEqualTo(403);

        var plainText = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/migrations"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(migration.formatted("it-http-text", "main")))
                .header("content-type", "text/plain").header("Authorization", "Bearer " + CI_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plainText.statusCode()).isEqualTo(415);
        var foreign = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/migrations"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(migration.formatted("it-http-origin", "main")))
                .header("content-type", "application/json").header("Origin", "http://evil.example")
                .header("Authorization", "Bearer " + CI_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        List<ProgressEvent> events = new ArrayList<>();
        try (var follower = new dev.zdm.cli.follow.ProgressFollower(infra.kafkaBootstrap(), topics.progress(), Requests.codec(), false)) {
            var accepted = post(base + "/api/migrations", CI_TOKEN, migration.formatted("it-http", "main"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(Requests.follow(follower, "it-http", Duration.ofSeconds(60), events::add)).isEqualTo("COMPLETED");
        }
        assertThat(query("SELECT count(*) FROM zdm.migrations WHERE migration_id LIKE 'it-http-%'"))
                .as("refused requests were never published").isEqualTo("0");
        var bad = post(base + "/api/deployments", CI_TOKEN, "{\"service\":\"app\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("version");

        var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("zdm_events_consumed_total").contains("zdm_events_published_total").contains("jvm_memory_used_bytes");
    }

    private static java.net.http.HttpResponse<String> post(String url, String token, String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_undecodable_event_goes_to_the_dead_letter_topic_and_the_consumer_goes_on() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(KafkaProps.producer(infra.kafkaBootstrap(), "it"))) {
            producer.send(new ProducerRecord<>(topics.migrationRequests(), key, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }
        var request = Requests.request("it-after-garbage", "main", "ok.sql", "COMMENT ON TABLE users IS 'still working';");
        String end = Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(CI_TOKEN), Duration.ofSeconds(60), e -> { });
        assertThat(end).isEqualTo("COMPLETED");

        var letters = readAll(Topics.dlq(topics.migrationRequests()), r -> key.equals(r.key()));
        assertThat(letters).hasSize(1);
        var letter = letters.get(0);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(header(letter, DeadLetters.CODE)).isEqualTo("ZDM-UNDECODABLE");
        assertThat(header(letter, DeadLetters.REASON)).contains("single-object");
        assertThat(header(letter, DeadLetters.SOURCE)).startsWith(topics.migrationRequests() + "/");
    }

    @Test
    void events_without_the_right_signature_and_forged_phase_commands_run_nothing_and_are_dead_lettered() throws Exception {
        byte[] ci = Tokens.digest(CI_TOKEN);
        Requests.send(infra.kafkaBootstrap(), topics.migrationRequests(), "it-unsigned",
                Requests.request("it-unsigned", "main", "u.sql", "CREATE TABLE unsigned_t (id int)"), null);
        Requests.send(infra.kafkaBootstrap(), topics.migrationRequests(), "it-other-target",
                Requests.request("it-other-target", "main", "o.sql", "CREATE TABLE other_t (id int)"), Tokens.digest(BILLING_TOKEN));
        var request = Requests.request("it-altered", "main", "a.sql", "CREATE TABLE altered_t (id int)");
        byte[] signedValue = Requests.codec().encode(Requests.request("it-altered", "main", "a.sql", "COMMENT ON TABLE users IS 'x'"));
        try (var producer = new KafkaProducer<String, byte[]>(KafkaProps.producer(infra.kafkaBootstrap(), "it"))) {
            var altered = new ProducerRecord<>(topics.migrationRequests(), "it-altered", Requests.codec().encode(request));
            dev.zdm.runtime.auth.EventSignature.sign(altered.headers(), ci, topics.migrationRequests(), "it-altered", signedValue);
            producer.send(altered).get(10, TimeUnit.SECONDS);
        }
        Requests.send(infra.kafkaBootstrap(), topics.deployments(), "app", dev.zdm.events.DeploymentEvent.newBuilder().setService("app")
                .setVersion("v9").setDeployedAt(java.time.Instant.now()).build(), Tokens.digest(BILLING_TOKEN));

        var forged = forgedPhase("it-forged", "CREATE TABLE forged_t (id int)");
        Requests.send(infra.kafkaBootstrap(), topics.phaseCommands(), "it-forged", forged, null);
        var real = Requests.request("it-real", "main", "r.sql", "COMMENT ON TABLE users IS 'real'");
        assertThat(Requests.submitAndFollow(infra.kafkaBootstrap(), topics, real, ci, Duration.ofSeconds(60), e -> { })).isEqualTo("COMPLETED");
        Requests.send(infra.kafkaBootstrap(), topics.phaseCommands(), "it-real", forgedPhase("it-real", "CREATE TABLE smuggled_t (id int)"), null);

        var requests = letters(Topics.dlq(topics.migrationRequests()), "it-unsigned", "it-other-target", "it-altered");
        assertThat(requests.get("it-unsigned")).contains("not signed");
        assertThat(requests.get("it-other-target")).contains("billing-team may not submit to target main");
        assertThat(requests.get("it-altered")).contains("does not match its content");
        assertThat(letters(Topics.dlq(topics.deployments()), "app").get("app")).contains("billing-team does not have the role deployer");
        var phases = letters(Topics.dlq(topics.phaseCommands()), "it-forged", "it-real");
        assertThat(phases.get("it-forged")).contains("no plan is stored");
        assertThat(phases.get("it-real")).contains("differs from every phase of the stored plan");
        assertThat(query("SELECT count(*) FROM pg_class WHERE relname IN ('unsigned_t', 'other_t', 'altered_t', 'forged_t', 'smuggled_t')"))
                .as("nothing ran").isEqualTo("0");
        assertThat(query("SELECT count(*) FROM zdm.migrations WHERE migration_id IN ('it-unsigned', 'it-other-target', 'it-altered', 'it-forged')"))
                .isEqualTo("0");
    }

    @Test
    void the_targets_policy_rejects_copy_program_and_a_direct_run_of_a_danger_statement_with_the_reason() throws Exception {
        java.nio.file.Path marker = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "zdm-it-" + UUID.randomUUID());
        byte[] ci = Tokens.digest(CI_TOKEN);
        var copy = Requests.request("it-copy-program", "main", "c.sql", "-- @metadata {\"strategy\": \"direct\"}\nCOPY (SELECT 1) TO PROGRAM 'touch " + marker + "';");
        assertThat(Requests.submitAndFollow(infra.kafkaBootstrap(), topics, copy, ci, Duration.ofSeconds(60), e -> { })).isEqualTo("REJECTED");
        assertThat(query("SELECT error_code || ' ' || error_message FROM zdm.migrations WHERE migration_id = 'it-copy-program'"))
                .startsWith("ZDM-NOT-ALLOWED").contains("needs 'copy-program'").contains("targets.main.allow");
        assertThat(marker).doesNotExist();

        var drop = Requests.request("it-direct-drop", "main", "d.sql", "-- @metadata {\"strategy\": \"direct\"}\nDROP TABLE users;");
        assertThat(Requests.submitAndFollow(infra.kafkaBootstrap(), topics, drop, ci, Duration.ofSeconds(60), e -> { })).isEqualTo("REJECTED");
        assertThat(query("SELECT error_message FROM zdm.migrations WHERE migration_id = 'it-direct-drop'")).contains("needs 'direct-danger'");
        assertThat(query("SELECT count(*) FROM users")).isEqualTo("1000");
    }

    @Test
    void bad_input_at_the_doors_is_refused_naming_the_field_without_class_names() throws Exception {
        String base = "http://127.0.0.1:" + zdm.httpPort();
        var big = post(base + "/api/migrations", CI_TOKEN, "{\"target\":\"main\",\"sql\":\"-- " + "x".repeat(300 * 1024) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("larger than");
        var wrongType = post(base + "/api/migrations", CI_TOKEN, "{\"target\":5,\"sql\":\"COMMENT ON TABLE users IS 'x'\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("field 'target' must be a string");
        var newline = post(base + "/api/migrations", CI_TOKEN, "{\"id\":\"a\\nb\",\"target\":\"main\",\"sql\":\"COMMENT ON TABLE users IS 'x'\"}");
        assertThat(newline.statusCode()).isEqualTo(400);
        assertThat(newline.body()).contains("field 'id' must not contain white space or control characters");
        var notJson = post(base + "/api/migrations", CI_TOKEN, "{\"target\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).isEqualTo("{\"error\":\"the body must be a JSON object\"}");
        var batch = post(base + "/api/migrations/it-x/control", OPERATOR_TOKEN, "{\"action\":\"retry-smaller-batch\",\"batchSize\":\"ten\"}");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.body()).contains("field 'batchSize' must be a whole number");
        var pathId = post(base + "/api/migrations/a%0Ab/control", OPERATOR_TOKEN, "{\"action\":\"pause\"}");
        assertThat(pathId.statusCode()).isEqualTo(400);
        for (var r : List.of(big, wrongType, newline, notJson, batch, pathId)) {
            assertThat(r.body()).doesNotContainPattern("(java|io\\.vertx|com\\.fasterxml)\\.|Exception");
        }

        Requests.send(infra.kafkaBootstrap(), topics.migrationRequests(), "it-evil-id",
                Requests.request("evil\nFAKE LOG LINE", "main", "e.sql", "COMMENT ON TABLE users IS 'x'"), Tokens.digest(CI_TOKEN));
        assertThat(letters(Topics.dlq(topics.migrationRequests()), "it-evil-id").get("it-evil-id"))
                .contains("migrationId must not contain white space or control characters");
    }

    private static dev.zdm.events.PhaseCommand forgedPhase(String id, String sql) {
        var phase = new dev.zdm.domain.plan.Phase("p0", 0, "forged", "direct", dev.zdm.domain.plan.PhaseKind.DB,
                List.of(dev.zdm.domain.plan.Step.Sql.of("p0.s0", sql)), List.of(), java.util.Optional.empty(), false);
        return dev.zdm.events.PhaseCommand.newBuilder().setMigrationId(id).setTarget("main")
                .setPhase(dev.zdm.runtime.messaging.PhaseMapper.toEvent(phase)).setPhaseCount(1).setAttempt(1)
                .setIssuedAt(java.time.Instant.now()).build();
    }

    /** The dead-letter reason of each of {@code keys} on {@code topic}, waiting up to 30 s for all of them. */
    private Map<String, String> letters(String topic, String... keys) {
        Map<String, String> out = new java.util.HashMap<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && out.size() < keys.length) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    if (List.of(keys).contains(r.key())) out.put(r.key(), header(r, DeadLetters.REASON));
                }
            }
        }
        assertThat(out).as("dead letters on " + topic).containsOnlyKeys(keys);
        return out;
    }

    private String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> filter) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(300))) if (filter.test(r)) out.add(r);
                if (!out.isEmpty() && !consumer.assignment().isEmpty()) break;
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}

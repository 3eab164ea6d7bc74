package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Step;
import dev.zdm.events.CircuitBreakerEvent;
import dev.zdm.events.PhaseCommand;
import dev.zdm.events.PhaseResult;
import dev.zdm.executor.ExecutorFactory;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.messaging.PhaseMapper;
import dev.zdm.runtime.messaging.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.zdm.runtime.auth.Tokens;
import picocli.CommandLine;

/** Re-delivery of phase commands, and the operator commands that read or change the database directly. */
@ExtendWith(ZdmInfraExtension.class)
class OperatorCommandsIT {

    @Test
    void a_redelivered_phase_command_is_harmless_and_reports_the_same_result(TestInfra infra) throws Exception {
        Topics topics = new Topics(infra.topicPrefix());
        exec(infra, "CREATE TABLE audit (n int)");
        Map<String, String> settings = Map.of("kafka.bootstrap", infra.kafkaBootstrap(), "kafka.topicPrefix", infra.topicPrefix(),
                "targets.main.url", infra.jdbcUrl(), "http.port", "0");
        try (ZdmProcess zdm = ZdmProcess.start(Settings.of(settings), List.of(ExecutorFactory.service()))) {
            // not idempotent by itself: run twice it would insert two rows
            Phase phase = new Phase("p0", 0, "insert", "direct", PhaseKind.DB,
                    List.of(Step.Sql.of("p0.s0", "INSERT INTO audit VALUES (1)")), List.of(), Optional.empty(), false);
            PhaseCommand command = PhaseCommand.newBuilder().setMigrationId("redeliver-1").setTarget("main")
                    .setPhase(PhaseMapper.toEvent(phase)).setPhaseCount(1).setAttempt(1).setIssuedAt(Instant.now()).build();
            StoredPlans.store(infra.jdbcUrl(), "redeliver-1", "main", command.getPhase());
            Requests.send(infra.kafkaBootstrap(), topics.phaseCommands(), "redeliver-1", command, null);
            results(infra, topics, "redeliver-1", 1);
            // delivered again after it finished (a rebalance, a planner that did not see the result): runs nothing twice
            Requests.send(infra.kafkaBootstrap(), topics.phaseCommands(), "redeliver-1", command, null);

            List<PhaseResult> results = results(infra, topics, "redeliver-1", 2);
            assertThat(results).extracting(PhaseResult::getStatus).containsExactly("COMPLETED", "COMPLETED");
            assertThat(results).extracting(PhaseResult::getRowsAffected).containsExactly(1L, 1L);
            assertThat(query(infra, "SELECT count(*) FROM audit")).isEqualTo("1");
        }
    }

    @Test
    void status_prints_the_control_view_and_breaker_reset_closes_and_announces(TestInfra infra) throws Exception {
        Topics topics = new Topics(infra.topicPrefix());
        Map<String, String> settings = new java.util.HashMap<>(Map.of("kafka.bootstrap", infra.kafkaBootstrap(),
                "kafka.topicPrefix", infra.topicPrefix(), "targets.main.url", infra.jdbcUrl(), "http.port", "0"));
        settings.putAll(TokenOption.allRoles("team", TestPipeline.TOKEN));
        try (ZdmProcess zdm = ZdmProcess.start(Settings.of(settings), AllServices.factories())) {
            var request = Requests.request("status-1", "main", "s.sql", "CREATE TABLE things (id int PRIMARY KEY)");
            assertThat(Requests.submitAndFollow(infra.kafkaBootstrap(), topics, request, Tokens.digest(TestPipeline.TOKEN), Duration.ofSeconds(60), e -> { })).isEqualTo("COMPLETED");
        }
        exec(infra, "INSERT INTO zdm._migration_circuit_breakers (breaker_name, target, state, failure_count, opened_at, last_reason) "
                + "VALUES ('target:main', 'main', 'open', 3, now(), 'lock wait 5000 ms > 2000 ms') ON CONFLICT (breaker_name) DO UPDATE "
                + "SET state = 'open', failure_count = 3, opened_at = now(), last_reason = EXCLUDED.last_reason, updated_at = now()");

        exec(infra, "SELECT pg_create_logical_replication_slot('zdm_status_orphan', 'pgoutput');"
                + "SELECT pg_create_logical_replication_slot('zdm_status_failed', 'pgoutput');"
                + "INSERT INTO zdm.migrations (migration_id, target, sql, status) VALUES ('status-failed', 'main', 'SELECT 1', 'FAILED');"
                + "INSERT INTO zdm.sync_sessions (migration_id, target, slot_name, state, session) VALUES ('status-failed', 'main', 'zdm_status_failed', 'FAILED', '{}')");
        String status;
        try {
            status = run("status", "--pg", infra.jdbcUrl());
        } finally {
            exec(infra, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name IN ('zdm_status_orphan', 'zdm_status_failed');"
                    + "DELETE FROM zdm.sync_sessions WHERE migration_id = 'status-failed'; DELETE FROM zdm.migrations WHERE migration_id = 'status-failed'");
        }
        assertThat(status).contains("breaker").contains("target:main").contains("open");
        assertThat(status.lines().filter(l -> l.startsWith("status-1  ")).findFirst().orElseThrow()).as(status)
                .matches("status-1  direct  COMPLETED  \\d+:\\d\\d");
        assertThat(status).containsPattern("(?m)^  1/1 apply +done$");
        assertThat(status.lines().filter(l -> l.startsWith("status-failed  ")).findFirst().orElseThrow()).contains("FAILED");
        assertThat(status.lines().filter(l -> l.contains("zdm_status_orphan")).findFirst().orElseThrow())
                .contains("slot").contains("orphaned").contains("of WAL, no migration holds it");
        assertThat(status.lines().filter(l -> l.contains("zdm_status_failed")).findFirst().orElseThrow())
                .contains("FAILED").contains("for migration status-failed; its sync is not streaming, so the WAL grows")
                .contains("max_slot_wal_keep_size = ").contains("roll the migration back or cancel it to release it");

        String reset = run("breaker", "reset", "target:main", "--pg", infra.jdbcUrl(), "--kafka", infra.kafkaBootstrap(),
                "--topic-prefix", infra.topicPrefix());
        assertThat(reset).contains("OPEN -> CLOSED");
        assertThat(query(infra, "SELECT state || ' ' || failure_count FROM zdm._migration_circuit_breakers WHERE breaker_name = 'target:main'"))
                .isEqualTo("closed 0");
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(List.of(topics.breaker()));
            List<CircuitBreakerEvent> events = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (events.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add((CircuitBreakerEvent) Requests.codec().decode(r.value())));
            }
            assertThat(events).anySatisfy(e -> {
                assertThat(e.getBreakerName()).isEqualTo("target:main");
                assertThat(e.getState()).isEqualTo("CLOSED");
                assertThat(e.getPreviousState()).isEqualTo("OPEN");
            });
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Zdm()).execute(args);
            assertThat(code).as("exit status of zdm %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(previous);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<PhaseResult> results(TestInfra infra, Topics topics, String migrationId, int expected) {
        List<PhaseResult> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(List.of(topics.phaseResults()));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (Requests.codec().decode(r.value()) instanceof PhaseResult p && p.getMigrationId().equals(migrationId)) out.add(p);
                }
            }
        }
        return out;
    }

    private static void exec(TestInfra infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute(sql);
        }
    }

    private static String query(TestInfra infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

package dev.zdm.cli;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.cli.follow.ProgressFollower;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Step;
import dev.zdm.events.CircuitBreakerEvent;
import dev.zdm.events.PhaseCommand;
import dev.zdm.events.PhaseResult;
import dev.zdm.events.ProgressEvent;
import dev.zdm.executor.ExecutorFactory;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.monitor.MonitorFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.messaging.PhaseMapper;
import dev.zdm.runtime.messaging.Topics;
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

/**
 * Backpressure through the real pipeline: a lock held on the table a backfill writes makes the
 * application wait; the monitor opens its breaker, the executor's running backfill holds; when the lock
 * goes the breaker closes through half-open and the backfill resumes and finishes with every row right.
 */
@ExtendWith(ZdmInfraExtension.class)
class BackpressureIT {
    private static final int ROWS = 40_000;

    @Test
    void a_held_lock_opens_the_breaker_pauses_the_backfill_and_its_release_resumes_it(TestInfra infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL, status text);"
                    + "INSERT INTO accounts SELECT g, g % 100, NULL FROM generate_series(1, " + ROWS + ") g; ANALYZE accounts;"
                    // a value that costs about 0.1 ms a row on average, so the backfill runs for seconds on a small table
                    + "CREATE FUNCTION slow_active() RETURNS text LANGUAGE plpgsql AS $$ BEGIN IF random() < 0.1 THEN PERFORM pg_sleep(0.001); END IF; RETURN 'active'; END $$");
        }
        Topics topics = new Topics(infra.topicPrefix());
        Map<String, String> settings = Map.of("kafka.bootstrap", infra.kafkaBootstrap(), "kafka.topicPrefix", infra.topicPrefix(),
                "targets.main.url", infra.jdbcUrl(), "http.port", "0", "monitor.intervalMs", "200",
                "monitor.thresholds.lockWaitMs", "300", "monitor.coolDownMs", "1000", "monitor.samplesToOpen", "2",
                "monitor.samplesToClose", "2");
        try (ZdmProcess zdm = ZdmProcess.start(Settings.of(settings), List.of(ExecutorFactory.service(), MonitorFactory.service()));
             ProgressFollower progress = new ProgressFollower(infra.kafkaBootstrap(), topics.progress(), Requests.codec(), false)) {
            Step backfill = new Step.Backfill("p0.s0", TableName.of("accounts"), "id", "status = slow_active()", "status IS NULL",
                    new BatchOptions(200, 10, 0, 100));
            Phase phase = new Phase("p0", 0, "backfill status", "progressive", PhaseKind.DB, List.of(backfill), List.of(),
                    Optional.empty(), false);
            PhaseCommand command = PhaseCommand.newBuilder().setMigrationId("bp-1").setTarget("main").setPhase(PhaseMapper.toEvent(phase))
                    .setPhaseCount(1).setAttempt(1).setIssuedAt(Instant.now()).build();
            StoredPlans.store(infra.jdbcUrl(), "bp-1", "main", command.getPhase());
            Requests.send(infra.kafkaBootstrap(), topics.phaseCommands(), "bp-1", command, null);

            List<ProgressEvent> seen = new ArrayList<>();
            awaitProgress(progress, seen, e -> e.getRowsDone() > 2_000, Duration.ofSeconds(60));

            long lockedAt;
            ProgressEvent held;
            try (Connection holder = DriverManager.getConnection(infra.jdbcUrl());
                 Connection app = DriverManager.getConnection(infra.jdbcUrl())) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("LOCK TABLE accounts IN SHARE MODE");
                lockedAt = System.currentTimeMillis();
                Thread appWrite = new Thread(() -> {
                    try {
                        app.createStatement().execute("UPDATE accounts SET balance = balance + 1 WHERE id = 1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                appWrite.start();
                held = awaitProgress(progress, seen, e -> e.getThrottleReason() != null && e.getThrottleReason().contains("breaker"),
                        Duration.ofSeconds(30));
                System.out.printf("BACKPRESSURE lock to executor holding on breaker: %d ms%n", System.currentTimeMillis() - lockedAt);
                long doneWhileHeld = held.getRowsDone();
                Thread.sleep(1_000);
                assertThat(rowsDone()).as("no batch runs while the breaker is open")
                        .isLessThanOrEqualTo(doneWhileHeld + 2L * held.getBatchSize() + 1_000);
                holder.commit();
                appWrite.join(10_000);
            }

            PhaseResult result = awaitResult(infra, topics, "bp-1", Duration.ofSeconds(120));
            assertThat(result.getStatus()).isEqualTo("COMPLETED");
            assertThat(query(infra, "SELECT count(*) FROM accounts WHERE status = 'active'")).isEqualTo(String.valueOf(ROWS));
            assertThat(query(infra, "SELECT balance FROM accounts WHERE id = 1")).isEqualTo("2");

            List<String> states = breakerStates(infra, topics, "target:main");
            assertThat(states).containsSubsequence("OPEN", "HALF_OPEN", "CLOSED");
        }
    }

    private long rowsDone() {
        return lastRows;
    }

    private long lastRows;

    private ProgressEvent awaitProgress(ProgressFollower follower, List<ProgressEvent> seen, java.util.function.Predicate<ProgressEvent> until,
                                        Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (ProgressEvent e : follower.poll(Duration.ofMillis(100))) {
                if (!e.getMigrationId().equals("bp-1")) continue;
                seen.add(e);
                lastRows = Math.max(lastRows, e.getRowsDone());
                if (until.test(e)) return e;
            }
        }
        throw new AssertionError("no such progress within " + timeout + "; saw " + seen.stream().map(e -> e.getState() + "(" + e.getThrottleReason() + ")").toList());
    }

    private static PhaseResult awaitResult(TestInfra infra, Topics topics, String migrationId, Duration timeout) {
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(List.of(topics.phaseResults()));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (Requests.codec().decode(r.value()) instanceof PhaseResult p && p.getMigrationId().equals(migrationId)) return p;
                }
            }
        }
        throw new AssertionError("no phase result for " + migrationId + " within " + timeout);
    }

    private static List<String> breakerStates(TestInfra infra, Topics topics, String breaker) {
        List<String> states = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(KafkaProps.follower(infra.kafkaBootstrap(), "it-" + UUID.randomUUID(), "earliest"))) {
            consumer.subscribe(List.of(topics.breaker()));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (Requests.codec().decode(r.value()) instanceof CircuitBreakerEvent e && e.getBreakerName().equals(breaker)) {
                        states.add(e.getState());
                    }
                }
            }
        }
        return states;
    }

    private static String query(TestInfra infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

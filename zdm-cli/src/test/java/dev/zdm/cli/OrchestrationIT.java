package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.cli.follow.ProgressFollower;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.ProgressEvent;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.messaging.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The planner's saga through the real broker: the strategy guide's drop-column migration plans as
 * expand-contract (deprecate, wait for app@v1.1, contract), holds at the deployment gate, obeys pause,
 * resume, cancel and rollback, refuses a rollback past its point of no return, and survives a restart
 * of the whole process mid-migration without losing or repeating a phase.
 */
@ExtendWith(ZdmInfraExtension.class)
class OrchestrationIT {
    private static final String DROP_COLUMN = """
            -- @metadata {"zeroDowntime": true, "phase": "expand"}
            COMMENT ON COLUMN users.legacy_field IS 'DEPRECATED: Will be removed in v2.0';
            INSERT INTO _migration_deprecations (table_name, column_name, removal_date)
            VALUES ('users', 'legacy_field', NOW() + INTERVAL '30 days');
            -- @metadata {"zeroDowntime": true, "phase": "contract"}
            ALTER TABLE users DROP COLUMN legacy_field;
            """;
    private TestInfra infra;
    private Topics topics;
    private ZdmProcess zdm;
    private ProgressFollower progress;
    private final List<ProgressEvent> seen = new ArrayList<>();

    @BeforeEach
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        this.topics = new Topics(infra.topicPrefix());
        exec("DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS zdm.archive_users__legacy_field; "
                + "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, legacy_field text);"
                + "INSERT INTO users (email, legacy_field) SELECT 'u' || g, 'old ' || g FROM generate_series(1, 500) g");
        // each test is its own story: no migration or deployment of an earlier test (the services recreate the schema)
        exec("DROP SCHEMA IF EXISTS zdm CASCADE");
        zdm = startZdm();
        progress = new ProgressFollower(infra.kafkaBootstrap(), topics.progress(), Requests.codec(), false);
    }

    @AfterEach
    void stop() {
        if (progress != null) progress.close();
        if (zdm != null) zdm.close();
    }

    private ZdmProcess startZdm() {
        return ZdmProcess.start(Settings.of(Map.of("kafka.bootstrap", infra.kafkaBootstrap(), "kafka.topicPrefix", infra.topicPrefix(),
                "targets.main.url", infra.jdbcUrl(), "http.port", "0", "monitor.intervalMs", "1000")), AllServices.factories());
    }

    @Test
    void holds_at_the_deployment_gate_survives_a_restart_and_completes_once_the_version_is_live() throws Exception {
        submit("drop-1");
        await("drop-1", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("app@v1.1"));
        assertThat(query("SELECT count(*) FROM zdm._migration_deprecations WHERE column_name = 'legacy_field'")).isEqualTo("1");
        assertThat(columnExists("legacy_field")).isTrue();

        zdm.close();
        zdm = startZdm();
        deployed("app", "v1.1");

        await("drop-1", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        assertThat(columnExists("legacy_field")).isFalse();
        assertThat(query("SELECT count(*) FROM zdm.archive_users__legacy_field")).isEqualTo("500");
        assertThat(query("SELECT string_agg(phase_id || '=' || status || '/' || attempt, ' ' ORDER BY phase_index) FROM zdm.migration_phases "
                + "WHERE migration_id = 'drop-1'")).isEqualTo("p1=COMPLETED/1 p2=COMPLETED/0 p3=COMPLETED/1");
        assertThat(query("SELECT count(*) FROM zdm.migration_events WHERE migration_id = 'drop-1' AND event = 'DISPATCHED'")).isEqualTo("2");
        assertThat(query("SELECT count(*) FROM zdm.step_runs WHERE migration_id = 'drop-1'")).isEqualTo("4");
    }

    @Test
    void a_paused_migration_does_not_move_until_resumed() throws Exception {
        submit("drop-2");
        await("drop-2", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        control("drop-2", "PAUSE");
        await("drop-2", e -> e.getState().equals("PAUSED"));
        deployed("app", "v1.1");
        Thread.sleep(2_000);
        assertThat(columnExists("legacy_field")).as("paused: the contract phase must not run").isTrue();
        assertThat(query("SELECT status FROM zdm.migrations WHERE migration_id = 'drop-2'")).isEqualTo("WAITING_DEPLOYMENT");

        control("drop-2", "RESUME");
        await("drop-2", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        assertThat(columnExists("legacy_field")).isFalse();
    }

    @Test
    void a_cancelled_migration_stops_and_a_later_deployment_does_not_revive_it() throws Exception {
        submit("drop-3");
        await("drop-3", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        control("drop-3", "CANCEL");
        await("drop-3", e -> e.getState().equals("CANCELLED"));
        deployed("app", "v1.1");
        Thread.sleep(2_000);
        assertThat(columnExists("legacy_field")).isTrue();
        assertThat(query("SELECT status FROM zdm.migrations WHERE migration_id = 'drop-3'")).isEqualTo("CANCELLED");
    }

    @Test
    void rollback_undoes_completed_phases_in_reverse_and_is_refused_past_the_point_of_no_return() throws Exception {
        submit("drop-4");
        await("drop-4", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        control("drop-4", "ROLLBACK");
        await("drop-4", e -> e.getState().equals("ROLLED_BACK"));
        assertThat(query("SELECT count(*) FROM zdm._migration_deprecations WHERE column_name = 'legacy_field'")).isEqualTo("0");
        assertThat(query("SELECT col_description('users'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'users'::regclass "
                + "AND attname = 'legacy_field'))")).isNull();
        assertThat(columnExists("legacy_field")).isTrue();

        submit("drop-5");
        deployed("app", "v1.1");
        await("drop-5", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        control("drop-5", "ROLLBACK");
        ProgressEvent refused = await("drop-5", e -> e.getState().equals("REFUSED"));
        assertThat(refused.getMessage()).contains("point of no return").contains("p3");
        assertThat(query("SELECT status FROM zdm.migrations WHERE migration_id = 'drop-5'")).isEqualTo("COMPLETED");
    }

    private void submit(String id) throws Exception {
        Requests.send(infra.kafkaBootstrap(), topics.migrationRequests(), id, Requests.request(id, "main", id + ".sql", DROP_COLUMN));
    }

    private void deployed(String service, String version) throws Exception {
        Requests.send(infra.kafkaBootstrap(), topics.deployments(), service, DeploymentEvent.newBuilder().setService(service)
                .setVersion(version).setDeployedAt(Instant.now()).build());
    }

    private void control(String id, String action) throws Exception {
        Requests.send(infra.kafkaBootstrap(), topics.control(), id, ControlCommand.newBuilder().setMigrationId(id).setAction(action)
                .setAt(Instant.now()).build());
    }

    private ProgressEvent await(String id, Predicate<ProgressEvent> until) {
        for (ProgressEvent e : seen) if (e.getMigrationId().equals(id) && until.test(e)) return e;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (ProgressEvent e : progress.poll(Duration.ofMillis(200))) {
                seen.add(e);
                if (e.getMigrationId().equals(id) && until.test(e)) return e;
            }
        }
        throw new AssertionError("no such progress for " + id + "; saw " + seen.stream().filter(e -> e.getMigrationId().equals(id))
                .map(e -> e.getState() + ": " + e.getMessage()).toList());
    }

    private boolean columnExists(String column) throws Exception {
        return query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = '" + column + "'").equals("1");
    }

    private void exec(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute(sql);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

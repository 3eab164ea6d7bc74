package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.events.ProgressEvent;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
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
    private TestPipeline zdm;

    @BeforeEach
    void start(TestInfra infra) throws Exception {
        // each test is its own story: no migration or deployment of an earlier test (the services recreate the schema)
        TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE; DROP TABLE IF EXISTS users; "
                + "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, legacy_field text);"
                + "INSERT INTO users (email, legacy_field) SELECT 'u' || g, 'old ' || g FROM generate_series(1, 500) g");
        zdm = new TestPipeline(infra);
    }

    @AfterEach
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    void holds_at_the_deployment_gate_survives_a_restart_and_completes_once_the_version_is_live() throws Exception {
        zdm.submit("drop-1", DROP_COLUMN);
        zdm.await("drop-1", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("app@v1.1"));
        assertThat(zdm.query("SELECT count(*) FROM zdm._migration_deprecations WHERE column_name = 'legacy_field'")).isEqualTo("1");
        assertThat(columnExists("legacy_field")).isTrue();

        zdm.restart();
        zdm.deployed("app", "v1.1");

        zdm.await("drop-1", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        assertThat(columnExists("legacy_field")).isFalse();
        assertThat(zdm.query("SELECT count(*) FROM zdm.archive_users__legacy_field")).isEqualTo("500");
        assertThat(zdm.query("SELECT string_agg(phase_id || '=' || status || '/' || attempt, ' ' ORDER BY phase_index) FROM zdm.migration_phases "
                + "WHERE migration_id = 'drop-1'")).isEqualTo("p1=COMPLETED/1 p2=COMPLETED/0 p3=COMPLETED/1");
        assertThat(zdm.query("SELECT count(*) FROM zdm.migration_events WHERE migration_id = 'drop-1' AND event = 'DISPATCHED'")).isEqualTo("2");
        assertThat(zdm.query("SELECT count(*) FROM zdm.step_runs WHERE migration_id = 'drop-1'")).isEqualTo("4");
    }

    @Test
    void a_paused_migration_does_not_move_until_resumed() throws Exception {
        zdm.submit("drop-2", DROP_COLUMN);
        zdm.await("drop-2", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        zdm.control("drop-2", "PAUSE");
        zdm.await("drop-2", e -> e.getState().equals("PAUSED"));
        zdm.deployed("app", "v1.1");
        Thread.sleep(2_000);
        assertThat(columnExists("legacy_field")).as("paused: the contract phase must not run").isTrue();
        assertThat(zdm.query("SELECT status FROM zdm.migrations WHERE migration_id = 'drop-2'")).isEqualTo("WAITING_DEPLOYMENT");

        zdm.control("drop-2", "RESUME");
        zdm.await("drop-2", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        assertThat(columnExists("legacy_field")).isFalse();
    }

    @Test
    void a_cancelled_migration_stops_and_a_later_deployment_does_not_revive_it() throws Exception {
        zdm.submit("drop-3", DROP_COLUMN);
        zdm.await("drop-3", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        zdm.control("drop-3", "CANCEL");
        zdm.await("drop-3", e -> e.getState().equals("CANCELLED"));
        zdm.deployed("app", "v1.1");
        Thread.sleep(2_000);
        assertThat(columnExists("legacy_field")).isTrue();
        assertThat(zdm.query("SELECT status FROM zdm.migrations WHERE migration_id = 'drop-3'")).isEqualTo("CANCELLED");
    }

    @Test
    void rollback_undoes_completed_phases_in_reverse_and_is_refused_past_the_point_of_no_return() throws Exception {
        zdm.submit("drop-4", DROP_COLUMN);
        zdm.await("drop-4", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        zdm.control("drop-4", "ROLLBACK");
        zdm.await("drop-4", e -> e.getState().equals("ROLLED_BACK"));
        assertThat(zdm.query("SELECT count(*) FROM zdm._migration_deprecations WHERE column_name = 'legacy_field'")).isEqualTo("0");
        assertThat(zdm.query("SELECT col_description('users'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'users'::regclass "
                + "AND attname = 'legacy_field'))")).isNull();
        assertThat(columnExists("legacy_field")).isTrue();

        zdm.submit("drop-5", DROP_COLUMN);
        zdm.deployed("app", "v1.1");
        zdm.await("drop-5", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        zdm.control("drop-5", "ROLLBACK");
        ProgressEvent refused = zdm.await("drop-5", e -> e.getState().equals("REFUSED"));
        assertThat(refused.getMessage()).contains("point of no return").contains("p3");
        assertThat(zdm.query("SELECT status FROM zdm.migrations WHERE migration_id = 'drop-5'")).isEqualTo("COMPLETED");
    }

    private boolean columnExists(String column) throws Exception {
        return zdm.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = '" + column + "'").equals("1");
    }

}

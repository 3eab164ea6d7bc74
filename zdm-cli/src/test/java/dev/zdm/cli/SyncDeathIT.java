package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sync that dies while its migration waits for a deployment fails the migration at once, with the
 * sync's error, instead of at the next phase (which would come only after the deployment).
 */
@ExtendWith(ZdmInfraExtension.class)
class SyncDeathIT {
    private TestPipeline zdm;

    @BeforeEach
    void start(TestInfra infra) throws Exception {
        TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE; DROP TABLE IF EXISTS orders;"
                + "CREATE TABLE orders (id bigserial PRIMARY KEY, user_email text); INSERT INTO orders (user_email) SELECT 'u' || g FROM generate_series(1, 1000) g");
        zdm = new TestPipeline(infra);
    }

    @AfterEach
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    void a_sync_that_dies_at_a_gate_fails_its_migration_at_once_with_the_reason() throws Exception {
        zdm.submit("sync-death", """
                -- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
                ALTER TABLE orders RENAME COLUMN user_email TO customer_email;
                """);
        zdm.await("sync-death", e -> e.getState().equals("WAITING_DEPLOYMENT"));
        // someone drops the new column under the sync; the next change it applies fails for good
        zdm.exec("ALTER TABLE orders DROP COLUMN customer_email; UPDATE orders SET user_email = 'changed' WHERE id <= 10");

        var failed = zdm.await("sync-death", e -> e.getState().equals("FAILED"));
        assertThat(failed.getSource()).isEqualTo("planner");
        assertThat(failed.getMessage()).contains("the sync").contains("failed while the migration waited for a deployment")
                .contains("customer_email");
        assertThat(zdm.query("SELECT status || ' ' || error_code FROM zdm.migrations WHERE migration_id = 'sync-death'")).startsWith("FAILED ZDM-");
    }
}

package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One migration at a time per table: while a dual-write rename of {@code accounts} waits for its
 * deployment, a second migration of {@code accounts} is refused naming the holder, one on another
 * table runs; once the first is rolled back its claim ends and the second goes through. A failed
 * migration keeps its claim; resumed to completion, it releases it and keeps no earlier error.
 */
@ExtendWith(ZdmInfraExtension.class)
class ClaimsIT {
    private TestPipeline zdm;

    @BeforeEach
    void start(TestInfra infra) throws Exception {
        TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE; DROP TABLE IF EXISTS accounts, invoices, readings;"
                + "CREATE TABLE accounts (id bigserial PRIMARY KEY, email text); INSERT INTO accounts (email) SELECT 'u' || g FROM generate_series(1, 500) g;"
                + "CREATE TABLE invoices (id bigserial PRIMARY KEY, total int)");
        zdm = new TestPipeline(infra);
    }

    @AfterEach
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    void a_failed_migration_keeps_its_claim_and_once_resumed_to_completion_carries_no_earlier_error() throws Exception {
        zdm.exec("CREATE TABLE readings (id bigserial PRIMARY KEY, v int); INSERT INTO readings (v) SELECT g - 3 FROM generate_series(1, 100) g");
        zdm.submit("claim-check", "ALTER TABLE readings ADD CONSTRAINT readings_v_positive CHECK (v > 0);");
        zdm.await("claim-check", e -> e.getState().equals("FAILED"));
        assertThat(zdm.query("SELECT error_code IS NOT NULL FROM zdm.migrations WHERE migration_id = 'claim-check'")).isEqualTo("t");
        assertThat(zdm.query("SELECT migration_id FROM zdm.claims WHERE table_name = 'readings'")).as("a failed migration keeps its claim")
                .isEqualTo("claim-check");

        zdm.exec("UPDATE readings SET v = 1 WHERE v <= 0");
        zdm.control("claim-check", "RESUME");
        zdm.await("claim-check", e -> e.getState().equals("COMPLETED") && "planner".equals(e.getSource()));
        assertThat(zdm.query("SELECT coalesce(error_code, 'none') || ' ' || coalesce(error_message, 'none') FROM zdm.migrations "
                + "WHERE migration_id = 'claim-check'")).isEqualTo("none none");
        assertThat(zdm.query("SELECT count(*) FROM zdm.claims")).isEqualTo("0");
    }

    @Test
    void a_second_migration_of_a_claimed_table_is_refused_naming_the_holder_until_the_first_ends() throws Exception {
        zdm.submit("claim-rename", """
                -- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
                ALTER TABLE accounts RENAME COLUMN email TO contact;
                """);
        zdm.await("claim-rename", e -> e.getState().equals("WAITING_DEPLOYMENT"));

        zdm.submit("claim-second", "ALTER TABLE accounts ADD COLUMN note text;");
        var refused = zdm.await("claim-second", e -> e.getState().equals("REJECTED"));
        assertThat(refused.getMessage()).contains("table public.accounts is held by migration claim-rename (WAITING_DEPLOYMENT)");
        assertThat(zdm.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note'"))
                .as("nothing of the refused migration ran").isEqualTo("0");

        zdm.submit("claim-other-table", "ALTER TABLE invoices ADD COLUMN paid boolean;");
        zdm.awaitCompleted("claim-other-table");

        zdm.control("claim-rename", "ROLLBACK");
        zdm.await("claim-rename", e -> e.getState().equals("ROLLED_BACK"));
        assertThat(zdm.query("SELECT count(*) FROM zdm.claims")).as("claims end with their migration").isEqualTo("0");

        zdm.submit("claim-third", "ALTER TABLE accounts ADD COLUMN note text;");
        zdm.awaitCompleted("claim-third");
        assertThat(zdm.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name IN ('email', 'note')"))
                .isEqualTo("2");
    }
}

package dev.zdm.planner.truth;

import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.Step;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.planner.catalog.CatalogReader;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.zdm.planner.truth.ReactivePg.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL zdm generates runs on PostgreSQL as the user's own statement would: names folded as
 * PostgreSQL folds them (Email is email, "Email" stays Email). Each plan's forward steps run in order
 * on a real database and the constraint they were for must exist afterwards.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedSqlRunsIT {
    private ReactivePg pg;

    @BeforeAll
    void start(TestInfra infra) {
        pg = new ReactivePg(infra, 2);
    }

    @AfterAll
    void stop() {
        pg.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE Users ADD CONSTRAINT Users_Email_Key UNIQUE (Email)                 | users_email_key | email",
            "ALTER TABLE \"Members\" ADD CONSTRAINT \"Members_Mail\" UNIQUE (\"Mail\")       | Members_Mail    | Mail",
            "ALTER TABLE Users ADD CONSTRAINT users_pkey2 PRIMARY KEY (Email)               | users_pkey2     | email",
    })
    void theForwardStepsRunAndMakeTheConstraint(String sql, String constraint, String column) {
        pg.sql("DROP TABLE IF EXISTS users, \"Members\";"
                + "CREATE TABLE users (id bigint, email text NOT NULL); CREATE TABLE \"Members\" (id bigint PRIMARY KEY, \"Mail\" text);"
                + "INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 100) g; ANALYZE users");
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), await(CatalogReader.read(pg.pool())));
        assertThat(m.rejected()).as(m.rejected() ? m.rejection().getMessage() : "").isFalse();

        for (Phase p : m.plan().phases()) {
            for (Step s : p.steps()) {
                if (s instanceof Step.Sql q) pg.sql(q.sql());
                if (s instanceof Step.CreateIndexConcurrently c) pg.sql(c.sql());
            }
        }

        assertThat(pg.sql("SELECT a.attname FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
                + "WHERE k.conname = '" + constraint + "'").iterator().next().getString(0)).isEqualTo(column);
    }
}

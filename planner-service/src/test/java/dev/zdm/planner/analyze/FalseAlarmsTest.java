package dev.zdm.planner.analyze;

import dev.zdm.domain.plan.Step;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What real migration files do that is not the harm it looks like statement by statement. */
class FalseAlarmsTest {
    private static PlannedMigration plan(String sql) {
        return new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), Catalog.empty());
    }

    private static List<String> codes(StatementAnalysis s) {
        return s.findings().stream().map(f -> f.code().name()).toList();
    }

    @Test
    void aViewDroppedAndCreatedAgainIsARedefinitionRunInOneTransaction() {
        PlannedMigration m = plan("DROP VIEW IF EXISTS active_users;\nCREATE VIEW active_users AS SELECT id FROM users WHERE active;\n");

        StatementAnalysis drop = m.analysis().statements().get(0);
        assertThat(drop.breaksRunningApp()).isFalse();
        assertThat(codes(drop)).contains("REDEFINED").doesNotContain("BREAKS_RUNNING_APP");
        assertThat(m.safeAsWritten()).as(m.analysis().reasons().toString()).isTrue();
        List<Step.Sql> steps = m.plan().phases().stream().flatMap(p -> p.steps().stream()).filter(s -> s instanceof Step.Sql).map(s -> (Step.Sql) s).toList();
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).sql()).contains("DROP VIEW IF EXISTS active_users").contains("CREATE VIEW active_users");
    }

    @Test
    void aViewDroppedForGoodStillBreaksTheRunningApplication() {
        PlannedMigration m = plan("DROP VIEW active_users;\nCREATE VIEW other_view AS SELECT 1;\n");
        assertThat(m.analysis().statements().get(0).breaksRunningApp()).isTrue();
        assertThat(m.safeAsWritten()).isFalse();
    }

    @Test
    void aTableDroppedAndCreatedAgainWarnsOfItsRowsButBreaksNothing() {
        PlannedMigration m = plan("DROP TABLE IF EXISTS scratch_import;\nCREATE TABLE scratch_import (id int, payload text);\n");
        StatementAnalysis drop = m.analysis().statements().get(0);
        assertThat(drop.breaksRunningApp()).isFalse();
        assertThat(codes(drop)).contains("RECREATED").doesNotContain("BREAKS_RUNNING_APP");
    }

    @Test
    void setNotNullAfterTheFileSetADefaultDoesNotBreakInserts() {
        PlannedMigration m = plan("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';\n"
                + "UPDATE orders SET status = 'new' WHERE status IS NULL;\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n");
        StatementAnalysis setNotNull = m.analysis().statements().get(2);
        assertThat(setNotNull.breaksRunningApp()).isFalse();
        assertThat(codes(setNotNull)).doesNotContain("BREAKS_RUNNING_APP").contains("FULL_SCAN");
    }

    @Test
    void aDoBlockWarnsOfOneTransactionOnlyWhenItHoldsLocksOrRowsOfTablesInUse() {
        StatementAnalysis catalogOnly = plan("DO $$ BEGIN CREATE TYPE mood AS ENUM ('ok'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n")
                .analysis().statements().get(0);
        assertThat(codes(catalogOnly)).doesNotContain("ONE_TRANSACTION");
        StatementAnalysis backfill = plan("DO $$ BEGIN UPDATE orders SET status = 'new'; END $$;\n").analysis().statements().get(0);
        assertThat(codes(backfill)).contains("ONE_TRANSACTION");
    }
}

package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CREATE TABLE IF NOT EXISTS makes a table new only when a catalog says it did not exist. */
class MaybeExistingTableTest {
    private static final String SQL = "CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, kind text);\n"
            + "CREATE INDEX events_kind ON events (kind);\n";

    private static PlannedMigration plan(String sql, Catalog catalog) {
        return new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), catalog);
    }

    @Test
    void offlineTheTableMayWellExistSoWhatFollowsIsJudgedAsOnATableInUse() {
        PlannedMigration m = plan(SQL, Catalog.empty());
        StatementAnalysis index = m.analysis().statements().get(1);
        assertThat(index.blocksWrites()).isTrue();
        assertThat(m.safeAsWritten()).isFalse();
        assertThat(m.statementStrategies().get(1)).isEqualTo("progressive");
    }

    @Test
    void withoutIfNotExistsOrWithACatalogThatLacksItTheTableIsNew() {
        assertThat(plan(SQL.replace(" IF NOT EXISTS", ""), Catalog.empty()).safeAsWritten()).isTrue();
        assertThat(plan(SQL, Catalog.complete(List.of())).safeAsWritten()).isTrue();
    }
}

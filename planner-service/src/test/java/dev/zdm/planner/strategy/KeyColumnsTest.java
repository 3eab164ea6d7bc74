package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Step;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The key a batched step walks comes from the catalog or the statement, never a guess. */
class KeyColumnsTest {
    private static final String BACKFILL = "UPDATE events SET kind = 'x';\n";
    private static final TableStats NO_KEY = new TableStats("public", "events", 10_000_000, 1L << 32,
            List.of(ColumnInfo.of("ref", "bigint"), ColumnInfo.of("kind", "text")), List.of(), List.of(), List.of());

    @Test
    void aTableWithoutPrimaryKeyInTheLiveCatalogIsRefusedNamingIt() {
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", BACKFILL), Catalog.complete(List.of(NO_KEY)));
        assertThat(m.rejected()).isTrue();
        assertThat(m.rejection().getMessage()).contains("the key of events is unknown (it has no primary key)").contains("keyColumn");
        assertThat(m.rejection().location()).isEqualTo("m.sql:1:1");
    }

    @Test
    void metadataNamesTheKeyAndWithoutADatabaseThePlanSaysItIsUnknown() {
        PlannedMigration named = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", "-- @metadata {\"keyColumn\": \"ref\"}\n" + BACKFILL),
                Catalog.complete(List.of(NO_KEY)));
        assertThat(backfillKey(named)).isEqualTo("ref");
        PlannedMigration offline = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", BACKFILL), Catalog.empty());
        assertThat(backfillKey(offline)).isEqualTo("<primary key of events>");
    }

    private static String backfillKey(PlannedMigration m) {
        assertThat(m.rejected()).as(m.rejected() ? m.rejection().getMessage() : "").isFalse();
        return m.plan().phases().stream().flatMap(p -> p.steps().stream()).filter(s -> s instanceof Step.Backfill)
                .map(s -> ((Step.Backfill) s).keyColumn()).findFirst().orElseThrow();
    }
}

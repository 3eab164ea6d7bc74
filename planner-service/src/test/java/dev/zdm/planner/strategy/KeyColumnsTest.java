package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Step;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.IndexInfo;
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
        assertThat(m.rejection().getMessage()).contains("the key of events is unknown (it has no primary key and no unique index on NOT NULL columns)").contains("keyColumn");
        assertThat(m.rejection().location()).isEqualTo("m.sql:1:1");
    }

    @Test
    void aUniqueIndexOnNotNullColumnsKeysATableWithoutPrimaryKey() {
        List<ColumnInfo> columns = List.of(new ColumnInfo("ref", "bigint", true, null, null), new ColumnInfo("kind", "text", false, null, null),
                new ColumnInfo("site", "int", true, null, null));
        IndexInfo onNullable = new IndexInfo("events_kind_key", 0, true, true, "", List.of("kind"));
        IndexInfo wide = new IndexInfo("events_ref_site_key", 0, true, true, "", List.of("ref", "site"));
        IndexInfo partial = new IndexInfo("events_site_key", 0, true, true, "", List.of());
        IndexInfo invalid = new IndexInfo("events_a_key", 0, true, false, "", List.of("site"));
        TableStats keyed = new TableStats("public", "events", 10_000_000, 1L << 32, columns, List.of(onNullable, wide, partial, invalid),
                List.of(), List.of());
        assertThat(keyed.rowKey()).containsExactly("ref", "site");
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", BACKFILL), Catalog.complete(List.of(keyed)));
        assertThat(backfillKey(m)).isEqualTo("ref");
        TableStats onlyNullable = new TableStats("public", "events", 10, 8192, columns, List.of(onNullable, partial, invalid), List.of(), List.of());
        assertThat(onlyNullable.rowKey()).as("a unique index on a nullable column, a partial one and an invalid one name no row").isEmpty();
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

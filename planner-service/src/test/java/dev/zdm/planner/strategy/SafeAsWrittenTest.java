package dev.zdm.planner.strategy;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict follows the findings and the plan: DANGER is never safe, and what zdm rewrites is not safe as written. */
class SafeAsWrittenTest {
    private static final TableStats SMALL = new TableStats("public", "accounts", 100, 8192 * 2,
            List.of(new ColumnInfo("id", "bigint", true, null, null), ColumnInfo.of("owner_id", "bigint"), ColumnInfo.of("balance", "int")),
            List.of(), List.of(new ConstraintInfo("accounts_pkey", ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (id)", true, null)), List.of());
    private static final TableStats OWNERS = new TableStats("public", "owners", 50, 8192,
            List.of(new ColumnInfo("id", "bigint", true, null, null)), List.of(),
            List.of(new ConstraintInfo("owners_pkey", ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (id)", true, null)), List.of());
    private static final Catalog CATALOG = Catalog.of(List.of(SMALL, OWNERS));

    @org.junit.jupiter.api.Test
    void manyQuickLocksOnTablesInUseAddUp() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 2000; i++) sql.append("ALTER TABLE accounts ADD COLUMN c").append(i).append(" int;\n");
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql.toString()), CATALOG);
        assertThat(m.analysis().estimatedDowntimeMs()).isGreaterThanOrEqualTo(20_000);
        assertThat(m.safeAsWritten()).isFalse();
        assertThat(m.analysis().reasons()).anySatisfy(r -> assertThat(r).contains("together its 2000 statements"));
        StringBuilder few = new StringBuilder();
        for (int i = 0; i < 5; i++) few.append("ALTER TABLE accounts ADD COLUMN c").append(i).append(" int;\n");
        assertThat(new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", few.toString()), CATALOG).safeAsWritten()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE accounts ADD COLUMN note text                                                        | true",
            "COMMENT ON TABLE accounts IS 'x'                                                                 | true",
            "DROP INDEX CONCURRENTLY IF EXISTS index_of_a_table_the_catalog_does_not_know                   | true",
            "TRUNCATE accounts                                                                                | false",
            "DO $$ BEGIN TRUNCATE accounts; END $$                                                            | false",
            "ALTER TABLE accounts DROP COLUMN balance                                                         | false",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) | false",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_check CHECK (balance >= 0)                  | false",
            "CALL recompute_balances()                                                                       | false",
    })
    void safeAsWrittenOnlyWhenNothingIsDangerousAndNothingIsRewritten(String sql, boolean safe) {
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), CATALOG);
        assertThat(m.safeAsWritten()).as(m.analysis().reasons() + " strategy " + m.recommendedStrategy()).isEqualTo(safe);
    }
}

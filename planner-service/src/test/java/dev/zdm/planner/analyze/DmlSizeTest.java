package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Without statistics, DML that does not pin its rows by key counts as large; large UPDATEs go progressive. */
class DmlSizeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UPDATE accounts SET a = 1                                                | true  | progressive",
            "UPDATE accounts SET a = 1 WHERE id = 7                                   | false | direct",
            "UPDATE accounts SET a = 1 WHERE id IN (1, 2, 3)                          | false | direct",
            "UPDATE accounts SET a = 1 WHERE tenant = 'x' AND created_at < now()      | false | direct",
            "DELETE FROM accounts WHERE id = $1                                       | false | direct",
            "UPDATE accounts SET a = 1 WHERE a >= 0                                   | true  | progressive",
            "UPDATE accounts SET a = 1 WHERE id IN (SELECT account_id FROM closed)    | true  | progressive",
            "DELETE FROM accounts WHERE id > 0                                        | true  | progressive",
            "DELETE FROM accounts WHERE owner_id IN (SELECT id FROM owners WHERE gone) | true | progressive",
            "DELETE FROM accounts                                                     | true  | progressive",
            "DELETE FROM accounts USING owners WHERE accounts.owner_id = owners.id    | true  | direct",
            "UPDATE accounts SET a = o.b FROM owners o WHERE accounts.owner_id = o.id  | true | direct",
    })
    void largeUnlessPinnedByKey(String sql, boolean large, String strategy) {
        PlannedMigration offline = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), Catalog.empty());
        StatementAnalysis s = offline.analysis().statements().get(0);
        assertThat(s.blocksWrites()).as(s.findings().toString()).isEqualTo(large);
        assertThat(offline.safeAsWritten()).isEqualTo(!large);
        if (large) assertThat(s.estimate().unknown()).as("a guess, said so").isTrue();

        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), KEYED);
        if (!m.rejected()) assertThat(m.statementStrategies().get(0)).isEqualTo(strategy);
        else assertThat(strategy).as("no safe plan: " + m.rejection().getMessage()).isEqualTo("direct");
    }

    /** The table with its key and no row statistics (never analyzed), 1 GiB on disk. */
    private static final Catalog KEYED = Catalog.of(java.util.List.of(
            new dev.zdm.planner.catalog.TableStats("public", "accounts", -1, 1L << 30, java.util.List.of(
                    new dev.zdm.planner.catalog.ColumnInfo("id", "bigint", true, null, null), dev.zdm.planner.catalog.ColumnInfo.of("a", "int")),
                    java.util.List.of(), java.util.List.of(new dev.zdm.planner.catalog.ConstraintInfo("accounts_pkey",
                    dev.zdm.planner.catalog.ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (id)", true, null)), java.util.List.of())));
}

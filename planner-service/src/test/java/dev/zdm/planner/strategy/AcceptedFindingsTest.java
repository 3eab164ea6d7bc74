package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.planner.catalog.IndexInfo;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.messaging.AnalysisEvents;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code -- @metadata {"allow": [CODE, ...]}}: the author accepts findings on purpose. A statement
 * whose every WARNING and DANGER finding is accepted runs as written and no longer makes the
 * migration need zero-downtime handling; one finding left unaccepted keeps the verdict.
 */
class AcceptedFindingsTest {
    private static final long GB = 1L << 30;
    private static final TableStats ORDERS = new TableStats("public", "orders", 10_000_000, 4 * GB,
            List.of(new ColumnInfo("id", "bigint", true, null, null), ColumnInfo.of("price", "numeric(10,2)"), ColumnInfo.of("status", "text")),
            List.of(new IndexInfo("orders_pkey", GB / 4, true, true, "CREATE UNIQUE INDEX orders_pkey ON orders (id)", List.of("id"))),
            List.of(new ConstraintInfo("orders_pkey", ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (id)", true, null)), List.of());
    private static final Catalog CATALOG = Catalog.of(List.of(ORDERS));
    private static final String REWRITE = "ALTER TABLE orders ALTER COLUMN price TYPE numeric(12,4);\n";

    private static PlannedMigration plan(String sql) {
        return new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), CATALOG);
    }

    private static List<String> stepSql(PlannedMigration m) {
        return m.plan().phases().stream().flatMap(p -> p.steps().stream()).filter(s -> s instanceof Step.Sql).map(s -> ((Step.Sql) s).sql()).toList();
    }

    @Test
    void anAcceptedRewriteRunsAsWrittenAndTheMigrationIsSafeAsWritten() {
        PlannedMigration before = plan(REWRITE);
        assertThat(before.safeAsWritten()).isFalse();
        assertThat(before.recommendedStrategy()).isNotEqualTo("direct");

        PlannedMigration m = plan("-- @metadata {\"allow\": [\"REWRITE\"]}\n" + REWRITE);
        StatementAnalysis s = m.analysis().statements().get(0);
        assertThat(s.findings()).filteredOn(f -> f.code() == FindingCode.REWRITE).singleElement()
                .satisfies(f -> assertThat(f.accepted()).isTrue())
                .satisfies(f -> assertThat(f.label()).isEqualTo("DANGER REWRITE (accepted)"));
        assertThat(s.acceptedAsWritten()).as(s.findings().toString()).isTrue();
        assertThat(m.analysis().requiresZeroDowntime()).as(m.analysis().reasons().toString()).isFalse();
        assertThat(m.safeAsWritten()).isTrue();
        assertThat(m.statementStrategies()).containsExactly("direct");
        assertThat(stepSql(m)).singleElement().satisfies(sql -> assertThat(sql).contains("TYPE numeric(12,4)"));
        // the estimate still says what running it costs
        assertThat(m.analysis().estimatedDowntimeMs()).isEqualTo(before.analysis().estimatedDowntimeMs()).isGreaterThan(10_000);
        // the event keeps DANGER first, so a target still needs 'direct-danger' to run it as written
        assertThat(AnalysisEvents.statements(m).get(0).getFindings()).anySatisfy(f -> assertThat(f).startsWith("DANGER REWRITE (accepted): "));
    }

    @Test
    void aFindingLeftUnacceptedKeepsTheVerdict() {
        String drop = "DROP TABLE orders CASCADE;\n";
        PlannedMigration partly = plan("-- @metadata {\"allow\": [\"BREAKS_RUNNING_APP\"]}\n" + drop);
        StatementAnalysis s = partly.analysis().statements().get(0);
        assertThat(s.findings()).filteredOn(Finding::accepted).extracting(Finding::code).containsExactly(FindingCode.BREAKS_RUNNING_APP);
        assertThat(s.acceptedAsWritten()).isFalse();
        assertThat(partly.safeAsWritten()).isFalse();
        assertThat(s.findings()).filteredOn(f -> f.code() == FindingCode.CASCADE).extracting(Finding::accepted).containsExactly(false);

        PlannedMigration whole = plan("-- @metadata {\"allow\": [\"BREAKS_RUNNING_APP\", \"CASCADE\"]}\n" + drop);
        assertThat(whole.safeAsWritten()).as(whole.analysis().reasons().toString()).isTrue();
        assertThat(stepSql(whole)).containsExactly("DROP TABLE orders CASCADE");
    }

    @Test
    void anAllowanceHoldsUntilTheNextMetadataComment() {
        PlannedMigration m = plan("-- @metadata {\"allow\": [\"REWRITE\"]}\n" + REWRITE
                + "-- @metadata {\"batchSize\": 500}\nALTER TABLE orders ALTER COLUMN status TYPE varchar(20);\n");
        assertThat(m.analysis().statements().get(0).acceptedAsWritten()).isTrue();
        assertThat(m.analysis().statements().get(1).findings()).extracting(Finding::accepted).doesNotContain(true);
        assertThat(m.safeAsWritten()).isFalse();
    }

    @Test
    void aStatementWithOnlyAnAcceptedInfoFindingIsNotChanged() {
        PlannedMigration m = plan("-- @metadata {\"allow\": [\"NOT_IN_TRANSACTION\"]}\nCREATE INDEX CONCURRENTLY orders_status ON orders (status);\n");
        StatementAnalysis s = m.analysis().statements().get(0);
        assertThat(s.findings()).extracting(Finding::accepted).containsOnly(true);
        assertThat(s.acceptedAsWritten()).as("nothing needed accepting").isFalse();
        assertThat(m.safeAsWritten()).isTrue();
    }

    @Test
    void aLockOfUnknownDurationIsAFindingItsAuthorCanAccept() {
        String drop = "DROP INDEX orders_legacy_idx;\n";
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", drop), Catalog.empty());
        assertThat(m.analysis().statements().get(0).findings()).extracting(Finding::code).contains(FindingCode.BLOCKS_TABLE);
        assertThat(m.safeAsWritten()).isFalse();
        assertThat(m.statementStrategies()).doesNotContain("direct");

        PlannedMigration accepted = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql",
                "-- @metadata {\"allow\": [\"BLOCKS_TABLE\"]}\n" + drop), Catalog.empty());
        assertThat(accepted.safeAsWritten()).as(String.valueOf(accepted.rejection())).isTrue();
        assertThat(stepSql(accepted)).containsExactly("DROP INDEX orders_legacy_idx");
    }

    @Test
    void anUnknownCodeIsBadMetadataAtTheCommentNamingTheKnownOnes() {
        assertThatThrownBy(() -> plan("ALTER TABLE orders ADD COLUMN note text;\n-- @metadata {\"allow\": [\"REWRTE\"]}\n" + REWRITE))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_METADATA);
                    assertThat(e.location()).startsWith("m.sql:2:");
                    assertThat(e.getMessage()).contains("\"REWRTE\"", "not a finding code", "REWRITE", "BLOCKS_TABLE");
                });
    }

    @Test
    void whatPostgresqlRefusesCannotBeAccepted() {
        assertThatThrownBy(() -> plan("-- @metadata {\"allow\": [\"INVALID_TRIGGER\"]}\nCREATE TRIGGER t BEFORE INSERT ON orders "
                + "FOR EACH ROW\nBEGIN\n  NEW.status := 'x';\nEND;\n"))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_METADATA);
                    assertThat(e.getMessage()).contains("INVALID_TRIGGER", "cannot be accepted");
                });
        assertThatThrownBy(() -> plan("-- @metadata {\"allow\": \"REWRITE\"}\n" + REWRITE))
                .isInstanceOfSatisfying(ZdmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_METADATA));
    }
}

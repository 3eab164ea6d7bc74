package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.IndexInfo;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationAnalyzerTest {
    private static final long GB = 1L << 30;
    private static final TableStats ORDERS = new TableStats("public", "orders", 10_000_000, 4 * GB,
            List.of(ColumnInfo.of("id", "bigint"), ColumnInfo.of("price", "numeric(10,2)"), ColumnInfo.of("status", "text")),
            List.of(new IndexInfo("orders_pkey", GB / 4, true, true, "CREATE UNIQUE INDEX orders_pkey ON orders (id)", List.of("id"))), List.of(), List.of());
    private static final TableStats TINY = TableStats.sized("public", "tiny", 100, 8192);
    private static final TableStats FRESH = TableStats.sized("public", "fresh", -1, GB);

    private static MigrationAnalysis analyze(String sql, Catalog catalog) {
        return new MigrationAnalyzer().analyze(SqlSplitter.split("m.sql", sql), catalog);
    }

    private static MigrationAnalysis analyze(String sql) {
        return analyze(sql, Catalog.of(List.of(ORDERS, TINY, FRESH)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE orders ADD COLUMN note text|false|CATALOG_ONLY",
            "CREATE INDEX CONCURRENTLY orders_status ON orders (status)|false|NO_BLOCKING",
            "COMMENT ON TABLE orders IS 'x'|false|NO_BLOCKING",
            "ALTER TABLE orders ALTER COLUMN price TYPE numeric(12,2)|false|CATALOG_ONLY",
            "ALTER TABLE orders ALTER COLUMN price TYPE numeric(10,4)|true|MEASURED",
            "CREATE INDEX orders_status ON orders (status)|true|MEASURED",
            "ALTER TABLE tiny ADD COLUMN id2 uuid DEFAULT gen_random_uuid()|false|MEASURED",
            "ALTER TABLE fresh ALTER COLUMN x SET NOT NULL|true|NEVER_ANALYZED",
            "CREATE INDEX ON unknown_table (a)|true|UNKNOWN_SIZE",
            "ALTER TABLE orders DROP COLUMN status|true|CATALOG_ONLY",
            "UPDATE orders SET status = 'new'|true|MEASURED",
            "UPDATE orders SET status = 'new' WHERE id = 7|false|NO_BLOCKING"})
    void decidesWhetherZeroDowntimeIsNeeded(String sql, boolean requires, BlockingEstimate.Basis basis) {
        MigrationAnalysis a = analyze(sql);
        assertThat(a.requiresZeroDowntime()).as(a.reasons().toString()).isEqualTo(requires);
        assertThat(a.statements().get(0).estimate().basis()).isEqualTo(basis);
    }

    @Test
    void estimatesFromSizeAndSaysWhenItIsAGuess() {
        MigrationAnalysis rewrite = analyze("ALTER TABLE orders ALTER COLUMN id TYPE int");
        StatementAnalysis s = rewrite.statements().get(0);
        assertThat(s.rewritesTable()).isTrue();
        assertThat(s.breaksRunningApp()).isTrue();
        assertThat(s.estimate().millis()).isEqualTo(10 + Math.round(4.0 * GB / 40_000) + Math.round(GB / 4.0 / 60_000));
        assertThat(rewrite.estimatedDowntimeMs()).isEqualTo(s.estimate().millis());
        assertThat(rewrite.estimateIsGuess()).isFalse();
        assertThat(analyze("ALTER TABLE fresh ADD CONSTRAINT c CHECK (x > 0)").estimateIsGuess()).isTrue();
    }

    @Test
    void unknownFormsAreReportedNeverSafe() {
        MigrationAnalysis a = analyze("ALTER TABLE orders FROBNICATE; IMPORT FOREIGN SCHEMA s FROM SERVER x INTO y; "
                + "ALTER TABLE orders ADD COLUMN a int, WIBBLE");
        assertThat(a.statements()).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(StatementKind.UNKNOWN);
            assertThat(s.findings()).extracting(f -> f.code().name()).contains("UNKNOWN_FORM");
        });
        assertThat(a.statements().get(0).lockMode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(a.requiresZeroDowntime()).isTrue();
        assertThat(a.reasons()).hasSize(3).first().asString().contains("m.sql:1:1");
    }

    @Test
    void laterStatementsSeeTheSchemaAsEarlierOnesLeaveIt() {
        MigrationAnalysis a = analyze("""
                ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT status_nn;
                ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                CREATE TABLE audit (id bigint, at timestamptz);
                CREATE INDEX audit_at ON audit (at);
                ALTER TABLE audit ADD COLUMN who text NOT NULL;
                """);
        assertThat(a.statements()).extracting(StatementAnalysis::scansTable).containsExactly(false, true, false, false, false, true, true);
        assertThat(a.statements().get(3).breaksRunningApp()).isFalse();
        assertThat(a.statements().get(5).blocks()).isFalse();
        assertThat(a.statements().get(6).breaksRunningApp()).isFalse();
        assertThat(a.requiresZeroDowntime()).as(a.reasons().toString()).isFalse();
    }

    @Test
    void doBlockBodiesAreAnalyzedAndConcurrentIndexesInsideAreRejected() {
        MigrationAnalysis a = analyze("""
                -- @metadata {"zeroDowntime": true, "progressive": true, "batchSize": 10000}
                DO $$
                DECLARE
                  batch_count INTEGER;
                BEGIN
                  CREATE INDEX CONCURRENTLY idx_orders_date_partial ON orders(created_at) WHERE created_at > NOW() - INTERVAL '30 days';
                  PERFORM pg_sleep(60);
                  IF (SELECT avg(lock_wait_time) FROM pg_stat_activity) < 100 THEN
                    CREATE INDEX CONCURRENTLY idx_orders_date ON orders(created_at);
                    DROP INDEX idx_orders_date_partial;
                  END IF;
                END $$;
                """);
        StatementAnalysis s = a.statements().get(0);
        assertThat(s.kind()).isEqualTo(StatementKind.DO_BLOCK);
        assertThat(s.findings()).extracting(f -> f.code().name()).contains("ONE_TRANSACTION", "NOT_ALLOWED_IN_BLOCK");
        assertThat(s.changes()).filteredOn(c -> c instanceof Change.CreateIndex).hasSize(2);
        assertThat(s.change(Change.CreateIndex.class).orElseThrow().where()).contains("30 days");
        assertThat(a.requiresZeroDowntime()).isTrue();
    }

    @Test
    void theGuidesInlineTriggerBodyIsNotPostgres() {
        MigrationAnalysis a = analyze("""
                CREATE TRIGGER dual_write_email
                BEFORE INSERT OR UPDATE ON orders
                FOR EACH ROW
                BEGIN
                  NEW.customer_email := COALESCE(NEW.customer_email, NEW.user_email);
                END;
                """);
        assertThat(a.statements().get(0).kind()).isEqualTo(StatementKind.UNKNOWN);
        assertThat(a.statements().get(0).findings()).extracting(f -> f.code().name()).contains("INVALID_TRIGGER");
    }

    @Test
    void breakingChangesAreFlagged() {
        MigrationAnalysis a = analyze("""
                ALTER TABLE orders DROP COLUMN status;
                ALTER TABLE orders RENAME COLUMN price TO amount;
                ALTER TABLE orders ADD COLUMN must int NOT NULL;
                ALTER TABLE orders ALTER COLUMN amount TYPE numeric(8,2);
                ALTER TABLE orders RENAME TO purchases;
                DROP TABLE tiny;
                ALTER TABLE purchases ADD COLUMN fine int NOT NULL DEFAULT 0;
                """);
        assertThat(a.statements()).extracting(StatementAnalysis::breaksRunningApp).containsExactly(true, true, true, true, true, true, false);
        assertThat(a.statements().get(0).findings()).extracting(Finding::safeAlternative).anySatisfy(s -> assertThat(s).contains("expand-contract"));
    }
}

package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import org.junit.jupiter.api.Test;

class BackfillSqlTest {
    private static final Step.Backfill STEP = new Step.Backfill("p2.s1", new TableName("shop", "orders"), "id",
            "total_cents = price * 100", "total_cents IS NULL", BatchOptions.DEFAULT);
    private final BackfillSql sql = new BackfillSql(STEP, new KeyColumn("id", "bigint", true));

    @Test
    void probeWalksAtMostOneBatchOfTheKeyIndexFromTheLastKey() {
        assertThat(sql.probeQuery(false)).isEqualTo("SELECT src.id::text AS k FROM shop.orders AS src"
                + " WHERE src.id > $1::text::bigint AND src.id <= $2::text::bigint ORDER BY src.id LIMIT 1 OFFSET $3");
        assertThat(sql.probeQuery(true)).contains("WHERE src.id >= $1::text::bigint");
    }

    @Test
    void updateIsBoundedOnBothSidesAndKeepsThePendingPredicate() {
        assertThat(sql.updateQuery(false)).isEqualTo("UPDATE shop.orders SET total_cents = price * 100"
                + " WHERE id > $1::text::bigint AND id <= $2::text::bigint AND (total_cents IS NULL)");
        assertThat(sql.updateQuery(true)).contains("WHERE id >= $1::text::bigint");
    }

    @Test
    void boundsAndLeftoversAreIndexFriendly() {
        // the sort must be by src.id (bigint), never by the text output column: "9999" > "10000" as text
        assertThat(sql.boundsQuery()).isEqualTo("SELECT (SELECT src.id::text FROM shop.orders AS src WHERE src.id IS NOT NULL ORDER BY src.id LIMIT 1) AS lo,"
                + " (SELECT src.id::text FROM shop.orders AS src WHERE src.id IS NOT NULL ORDER BY src.id DESC LIMIT 1) AS hi");
        assertThat(sql.pastBoundQuery()).isEqualTo(
                "SELECT count(*) AS n FROM shop.orders WHERE id > $1::text::bigint AND (total_cents IS NULL)");
        assertThat(sql.atOrPastQuery()).isEqualTo("SELECT $1::text::bigint >= $2::text::bigint AS done");
    }

    @Test
    void quotesAwkwardNamesAndDefaultsAMissingPredicate() {
        Step.Backfill step = new Step.Backfill("s", TableName.of("Order Lines"), "Key", "x = 1", null, BatchOptions.DEFAULT);
        BackfillSql awkward = new BackfillSql(step, new KeyColumn("Key", "uuid", false));
        assertThat(awkward.updateQuery(false)).isEqualTo("UPDATE public.\"Order Lines\" SET x = 1"
                + " WHERE \"Key\" > $1::text::uuid AND \"Key\" <= $2::text::uuid AND (TRUE)");
        assertThat(awkward.percentileQuery()).isEqualTo("SELECT (percentile_disc($1::float8) WITHIN GROUP (ORDER BY \"Key\"))::text AS k"
                + " FROM public.\"Order Lines\" WHERE \"Key\" <= $2::text::uuid");
    }
}

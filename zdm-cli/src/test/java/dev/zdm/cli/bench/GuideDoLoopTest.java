package dev.zdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLWarning;
import org.junit.jupiter.api.Test;

class GuideDoLoopTest {
    @Test
    void progressIsTheLastNoticesTotal() {
        SQLWarning first = new SQLWarning("Updated 10000 rows");
        first.setNextWarning(new SQLWarning("something else"));
        first.setNextWarning(new SQLWarning("Updated 20000 rows"));
        assertThat(GuideDoLoop.lastProgress(first)).isEqualTo(20_000);
        assertThat(GuideDoLoop.lastProgress(null)).isZero();
    }

    @Test
    void theSqlIsTheGuidesTemplateWithTheBenchTableFilledIn() {
        String sql = GuideDoLoop.sql();
        assertThat(sql).contains("batch_size CONSTANT INTEGER := 10000;", "FOR UPDATE SKIP LOCKED", "PERFORM pg_sleep(0.1);",
                "RAISE NOTICE 'Updated % rows', total_updated;", "UPDATE zdm_bench_items\n    SET amount_cents = amount * 100",
                "WHERE amount_cents IS NULL");
        assertThat(sql).doesNotContain("COMMIT");
    }
}

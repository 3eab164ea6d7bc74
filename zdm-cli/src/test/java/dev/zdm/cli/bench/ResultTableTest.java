package dev.zdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final List<ResultRow> ROWS = List.of(
            new ResultRow("none", 0, 0, new AppStats(999.84, 0, 0.81, 2.345, 14.0, 9.5)),
            new ResultRow("single-update", 1_000_000, 312_345.6, new AppStats(120.0, 3, 1.2, 7_850.0, 8_012.34, 7_990.0)),
            new ResultRow("guide-do-loop (statement_timeout 300 s; rolled back)", 410_000, 1_366.7, new AppStats(80.0, 0, 2.0, 250_000.0, 300_100.0, 300_000.0)));

    @Test
    void csvHasExactlyTheIssuesColumnsAndOneLinePerRow() {
        String csv = ResultTable.csv(ROWS);
        assertThat(csv.lines().toList()).containsExactly(
                "scenario,rows,rows_per_s,app_tps,app_failed,app_p50_ms,app_p99_ms,app_max_ms,app_max_stall_ms",
                "none,0,0,999.8,0,0.81,2.35,14.00,9.50",
                "single-update,1000000,312346,120.0,3,1.20,7850.00,8012.34,7990.00",
                "guide-do-loop (statement_timeout 300 s; rolled back),410000,1367,80.0,0,2.00,250000.00,300100.00,300000.00");
    }

    @Test
    void csvQuotesAFieldWithACommaOrAQuote() {
        assertThat(ResultTable.csvField("zdm[target 50 ms, max 1000 rows]")).isEqualTo("\"zdm[target 50 ms, max 1000 rows]\"");
        assertThat(ResultTable.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ResultTable.csvField("zdm")).isEqualTo("zdm");
    }

    @Test
    void csvUsesADotForDecimalsWhateverTheLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(ResultTable.csv(ROWS.subList(0, 1))).contains("999.8,0,0.81");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void tableAlignsEveryColumnAndMarksTheBaselinesMissingMigrationNumbers() {
        String table = ResultTable.table(ROWS);
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("scenario ").contains("rows/s", "app tps", "failed", "p50 ms", "p99 ms", "max ms", "stall ms");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines.get(2)).startsWith("none ").contains(" - ");
        assertThat(lines.get(3)).contains("1,000,000", "312,346", "7,850", "8,012", "7,990");
        // right-aligned numbers: every line that has the last column ends at the same width
        int width = lines.get(1).length();
        for (String line : lines) assertThat(line).hasSize(width);
        int failedEnd = lines.get(0).indexOf("failed") + "failed".length();
        assertThat(lines.get(3).charAt(failedEnd - 1)).isEqualTo('3');
    }
}

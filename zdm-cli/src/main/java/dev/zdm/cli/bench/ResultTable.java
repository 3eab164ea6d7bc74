package dev.zdm.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Formats benchmark rows as an aligned table for people and as CSV for tools. Pure. */
final class ResultTable {
    /** The CSV header, exactly as the issue asks for it. */
    static final String CSV_HEADER = "scenario,rows,rows_per_s,app_tps,app_failed,app_p50_ms,app_p99_ms,app_max_ms,app_max_stall_ms";

    private record Column(String title, boolean left, Function<ResultRow, String> cell) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("scenario", true, ResultRow::scenario),
            new Column("rows", false, r -> r.rows() == 0 ? "-" : String.format(Locale.ROOT, "%,d", r.rows())),
            new Column("rows/s", false, r -> r.rows() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond())),
            new Column("app tps", false, r -> String.format(Locale.ROOT, "%,.0f", r.app().tps())),
            new Column("failed", false, r -> Long.toString(r.app().failed())),
            new Column("p50 ms", false, r -> ms(r.app().p50Ms())),
            new Column("p99 ms", false, r -> ms(r.app().p99Ms())),
            new Column("max ms", false, r -> ms(r.app().maxMs())),
            new Column("stall ms", false, r -> ms(r.app().maxStallMs())));

    private ResultTable() {
    }

    /** The rows as CSV: the header, then one line per row, each ending in a newline. */
    static String csv(List<ResultRow> rows) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (ResultRow r : rows) {
            AppStats a = r.app();
            out.append(csvField(r.scenario())).append(',')
                    .append(r.rows()).append(',')
                    .append(String.format(Locale.ROOT, "%.0f,%.1f,%d,%.2f,%.2f,%.2f,%.2f",
                            r.rowsPerSecond(), a.tps(), a.failed(), a.p50Ms(), a.p99Ms(), a.maxMs(), a.maxStallMs()))
                    .append('\n');
        }
        return out.toString();
    }

    /** The rows as a table with a header and a rule, columns padded to their widest cell. */
    static String table(List<ResultRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(COLUMNS.stream().map(Column::title).toList());
        for (ResultRow r : rows) cells.add(COLUMNS.stream().map(c -> c.cell().apply(r)).toList());
        int[] width = new int[COLUMNS.size()];
        for (List<String> line : cells) {
            for (int c = 0; c < width.length; c++) width[c] = Math.max(width[c], line.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            out.append(line(cells.get(i), width)).append('\n');
            if (i == 0) out.append(rule(width)).append('\n');
        }
        return out.toString();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            if (c > 0) out.append("  ");
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            out.append(COLUMNS.get(c).left() ? cell + pad : pad + cell);
        }
        return out.toString().stripTrailing();
    }

    private static String rule(int[] width) {
        int total = 2 * (width.length - 1);
        for (int w : width) total += w;
        return "-".repeat(total);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

package dev.zdm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/** Rows (the header first) as aligned lines for a person: each column as wide as its widest cell, two spaces between. Pure. */
final class TextTable {
    private TextTable() {
    }

    /** Every column, all left-aligned. */
    static List<String> lines(List<String[]> rows) {
        return lines(rows, IntStream.range(0, rows.get(0).length).toArray(), i -> false);
    }

    /** The {@code columns} of {@code rows}, in that order; those {@code rightAligned} accepts (numbers) to the right. */
    static List<String> lines(List<String[]> rows, int[] columns, IntPredicate rightAligned) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i : columns) width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i : columns) {
                String cell = r[i] == null ? "" : r[i];
                line.append(String.format("%" + (rightAligned.test(i) ? "" : "-") + width[i] + "s", cell)).append("  ");
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }
}

package dev.zdm.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Combines repeated rounds of the same scenarios into one row per scenario: the median of each
 * column on its own. On a shared two-core machine one round can land on a neighbour's burst; the
 * median of three keeps one such burst from deciding a row. Pure.
 */
final class Rounds {
    private Rounds() {
    }

    /**
     * @param rounds each round's rows, the same scenarios in the same order (a scenario cut short in one
     *               round keeps its suffix, so rows are matched by position, not by name)
     */
    static List<ResultRow> median(List<List<ResultRow>> rounds) {
        if (rounds.isEmpty()) return List.of();
        if (rounds.size() == 1) return rounds.get(0);
        int scenarios = rounds.get(0).size();
        for (List<ResultRow> round : rounds) {
            if (round.size() != scenarios) throw new IllegalArgumentException("rounds must run the same scenarios");
        }
        List<ResultRow> out = new ArrayList<>();
        for (int i = 0; i < scenarios; i++) {
            List<ResultRow> same = new ArrayList<>();
            for (List<ResultRow> round : rounds) same.add(round.get(i));
            out.add(median(same, rounds.size()));
        }
        return out;
    }

    private static ResultRow median(List<ResultRow> rows, int n) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.scenario()));
        AppStats app = new AppStats(med(rows, r -> r.app().tps()), Math.round(med(rows, r -> r.app().failed())),
                med(rows, r -> r.app().p50Ms()), med(rows, r -> r.app().p99Ms()), med(rows, r -> r.app().maxMs()),
                med(rows, r -> r.app().maxStallMs()));
        return new ResultRow(String.join(" / ", names), Math.round(med(rows, r -> r.rows())), med(rows, ResultRow::rowsPerSecond), app);
    }

    /** The median; for an even count, the mean of the middle two. */
    static double med(List<ResultRow> rows, ToDoubleFunction<ResultRow> column) {
        double[] v = rows.stream().mapToDouble(column).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** Every round's rows, each scenario name suffixed with its round ({@code zdm #2}), for the detailed listing. */
    static List<ResultRow> labelled(List<List<ResultRow>> rounds) {
        List<ResultRow> out = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            for (ResultRow r : rounds.get(i)) out.add(new ResultRow(r.scenario() + " #" + (i + 1), r.rows(), r.rowsPerSecond(), r.app()));
        }
        return out;
    }
}

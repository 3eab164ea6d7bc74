package dev.zdm.cli;

import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.strategy.PlannedMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The analysis as a table for a person: one row per statement. */
final class PlanTable {
    private PlanTable() {
    }

    static String render(PlannedMigration m) {
        var a = m.analysis();
        StringBuilder out = new StringBuilder();
        out.append(m.safeAsWritten() ? "SAFE AS WRITTEN" : "NEEDS ZERO-DOWNTIME HANDLING")
                .append(" - strategy ").append(m.recommendedStrategy())
                .append(", estimated downtime as written ").append(a.estimatedDowntimeMs()).append(" ms")
                .append(a.estimateIsGuess() ? " (a guess: table statistics missing)" : "").append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "LINE", "KIND", "TABLES", "LOCK", "REWRITE", "SCAN", "BLOCKS", "BREAKS APP", "EST MS", "STRATEGY"});
        for (StatementAnalysis s : a.statements()) {
            rows.add(new String[] {
                    Integer.toString(s.index() + 1), s.statement().position().line() + ":" + s.statement().position().column(), s.kind().name(),
                    s.tables().stream().map(Object::toString).collect(Collectors.joining(",")),
                    s.lockMode() == null ? "-" : s.lockMode().docName(), yn(s.rewritesTable()), yn(s.scansTable()),
                    s.blocksReads() ? "reads+writes" : s.blocksWrites() ? "writes" : "-", yn(s.breaksRunningApp()),
                    s.estimate().unknown() ? "?" : Long.toString(s.estimate().millis()),
                    s.index() < m.statementStrategies().size() ? m.statementStrategies().get(s.index()) : "-"});
        }
        out.append('\n');
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) line.append(String.format("%-" + (width[i] + 2) + "s", r[i]));
            out.append(line.toString().stripTrailing()).append('\n');
        }
        List<String> findings = new ArrayList<>();
        for (StatementAnalysis s : a.statements()) {
            s.findings().forEach(f -> findings.add("  " + (s.index() + 1) + ". " + f.severity() + " " + f.code() + ": " + f.message()
                    + (f.safeAlternative() == null ? "" : "\n       safe alternative: " + f.safeAlternative())));
        }
        if (!findings.isEmpty()) out.append("\nfindings:\n").append(String.join("\n", findings)).append('\n');
        return out.toString();
    }

    private static String yn(boolean b) {
        return b ? "yes" : "no";
    }
}

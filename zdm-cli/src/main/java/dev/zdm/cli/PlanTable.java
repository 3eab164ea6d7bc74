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
        TextTable.lines(rows).forEach(l -> out.append(l).append('\n'));
        // identical findings of several statements are told once, with every statement they concern
        java.util.Map<dev.zdm.planner.analyze.Finding, List<String>> folded = new java.util.LinkedHashMap<>();
        for (StatementAnalysis s : a.statements()) {
            s.findings().forEach(f -> folded.computeIfAbsent(f, k -> new ArrayList<>()).add(Integer.toString(s.index() + 1)));
        }
        List<String> findings = new ArrayList<>();
        folded.forEach((f, where) -> {
            String head = "  " + String.join(", ", where) + ". ";
            findings.add(wrap(head + f.label() + ": " + f.message(), " ".repeat(head.length()))
                    + (f.safeAlternative() == null ? "" : "\n" + wrap(" ".repeat(head.length()) + "safe alternative: " + f.safeAlternative(),
                    " ".repeat(head.length() + 2))));
        });
        if (!findings.isEmpty()) out.append("\nfindings:\n").append(String.join("\n", findings)).append('\n');
        return out.toString();
    }

    /** The text's words in lines of at most {@value #WIDTH} characters (a longer word stands alone), continued after {@code indent}. */
    static String wrap(String text, String indent) {
        int lead = text.length() - text.stripLeading().length();
        StringBuilder out = new StringBuilder(text.substring(0, lead));
        int lineStart = 0;
        boolean empty = true;
        for (String word : text.substring(lead).split(" ")) {
            if (!empty && out.length() - lineStart + 1 + word.length() > WIDTH) {
                out.append('\n');
                lineStart = out.length();
                out.append(indent);
            } else if (!empty) {
                out.append(' ');
            }
            out.append(word);
            empty = false;
        }
        return out.toString();
    }

    /**
     * A long line of the phase listing in lines of at most {@value #WIDTH} characters where it can be:
     * broken only at a space outside quotes ({@code '...'}, {@code "..."}, {@code $tag$...$tag$}), so
     * the SQL still reads the same and a string literal keeps its spaces; the continuation is indented
     * two more than the line.
     */
    static String wrapSql(String line) {
        if (line.length() <= WIDTH) return line;
        int lead = line.length() - line.stripLeading().length();
        String indent = " ".repeat(lead + 2);
        List<Integer> spaces = new ArrayList<>();
        String dollar = null;
        char quote = 0;
        for (int i = lead; i < line.length(); i++) {
            char c = line.charAt(i);
            if (dollar != null) {
                if (line.startsWith(dollar, i)) {
                    i += dollar.length() - 1;
                    dollar = null;
                }
            } else if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '$') {
                java.util.regex.Matcher tag = DOLLAR_TAG.matcher(line).region(i, line.length());
                if (tag.lookingAt()) {
                    dollar = tag.group();
                    i += dollar.length() - 1;
                }
            } else if (c == ' ') {
                spaces.add(i);
            }
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int room = WIDTH;
        int lastFit = -1;
        for (int space : spaces) {
            if (space - from > room) {
                // break at the last space that fits, or here when a quoted run alone is longer than a line
                int at = lastFit > from ? lastFit : space;
                out.append(line, from, at).append('\n').append(indent);
                from = at + 1;
                room = WIDTH - indent.length();
            }
            if (space >= from && space - from <= room) lastFit = space;
        }
        if (line.length() - from > room && lastFit > from) {
            out.append(line, from, lastFit).append('\n').append(indent);
            from = lastFit + 1;
        }
        return out.append(line, from, line.length()).toString();
    }

    private static final java.util.regex.Pattern DOLLAR_TAG = java.util.regex.Pattern.compile("\\$[A-Za-z_]?[A-Za-z0-9_]*\\$");

    private static final int WIDTH = 110;

    private static String yn(boolean b) {
        return b ? "yes" : "no";
    }
}

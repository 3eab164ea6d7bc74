package dev.zdm.cli.scenario;

import dev.zdm.infra.load.Workload;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's {@code workload.sql}: the writes of the live application, in sections by application
 * version. Statements end with a {@code ;} at the end of a line; each {@code ?} is bound to a random
 * key in {@code 1..rows}. The statements before any marker are the application as it runs when the
 * migration starts; a line {@code -- @after service@version} starts the writes of that version, which
 * take over when the runner (as the deploy system) announces it.
 */
public record WorkloadScript(Map<String, List<String>> sections) {
    /** The section of the application running when the migration starts. */
    public static final String INITIAL = "";
    private static final Pattern AFTER = Pattern.compile("^--\\s*@after\\s+(\\S+@\\S+)\\s*$");

    public WorkloadScript {
        sections = Map.copyOf(sections);
    }

    static WorkloadScript parse(String text, String where) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String section = INITIAL;
        StringBuilder statement = new StringBuilder();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String trimmed = line.strip();
            Matcher m = AFTER.matcher(trimmed);
            if (m.matches()) {
                if (!statement.toString().isBlank()) throw new IllegalArgumentException(where + ":" + lineNo + ": a statement before it lacks its ';'");
                section = m.group(1);
                sections.computeIfAbsent(section, k -> new ArrayList<>());
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("--")) continue;
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = statement.toString().strip();
                sections.computeIfAbsent(section, k -> new ArrayList<>()).add(sql.substring(0, sql.length() - 1));
                statement.setLength(0);
            }
        }
        if (!statement.toString().isBlank()) throw new IllegalArgumentException(where + ": the last statement lacks its ';'");
        return new WorkloadScript(sections);
    }

    public boolean isEmpty() {
        return sections.values().stream().allMatch(List::isEmpty);
    }

    /** The writes of {@code section}, if the script has them. */
    public Optional<Workload.Op> op(String section, int rows) {
        List<String> statements = sections.get(section);
        if (statements == null || statements.isEmpty()) return Optional.empty();
        return Optional.of((c, random) -> {
            String sql = statements.get(random.nextInt(statements.size()));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int params = placeholders(sql);
                for (int i = 1; i <= params; i++) ps.setInt(i, 1 + random.nextInt(rows));
                ps.execute();
            }
        });
    }

    /** The {@code ?} outside quotes and identifiers, as the JDBC driver counts them. */
    static int placeholders(String sql) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) quote = 0;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '?') {
                n++;
            }
        }
        return n;
    }
}

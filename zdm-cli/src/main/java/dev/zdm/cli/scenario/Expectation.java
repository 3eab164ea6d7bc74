package dev.zdm.cli.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A scenario's {@code expect.properties}: how the migration must end and what must hold afterwards.
 *
 * <pre>
 * outcome=COMPLETED            final state: COMPLETED, REJECTED, FAILED, ROLLED_BACK
 * message=...                  a text the final progress message must contain (optional)
 * rows=2000                    the workload's ? placeholders draw keys from 1..rows
 * workers=2                    workload connections
 * rate=200                     workload writes per second in total (0: as fast as they can)
 * old=SELECT ...               one value, taken when the workload stops (the old shape still there)
 * new=SELECT ...               one value, taken when the migration ends; must equal old
 * stopAt=shop@v1.2             the workload stops, and old is taken, before this deployment is announced
 * rollbackAt=app@v1.2          instead of announcing this deployment, an operator asks for ROLLBACK
 * rollbackAfterFailure=true    when the migration fails, an operator asks for ROLLBACK; outcome is then
 *                              how the rollback ended
 * check.NAME=SELECT ...        must return true at the end
 * </pre>
 *
 * @param stopAt     null: the workload runs until the migration ends
 * @param rollbackAt null: every awaited deployment is announced
 * @param old    null together with {@code newer}: no checksum comparison
 */
public record Expectation(String outcome, String message, int rows, int workers, double rate, String old, String newer,
                          String stopAt, String rollbackAt, boolean rollbackAfterFailure, Map<String, String> checks) {
    private static final Set<String> OUTCOMES = Set.of("COMPLETED", "REJECTED", "FAILED", "ROLLED_BACK");
    private static final Set<String> KEYS = Set.of("outcome", "message", "rows", "workers", "rate", "old", "new", "stopAt", "rollbackAt", "rollbackAfterFailure");

    public Expectation {
        checks = Map.copyOf(checks);
    }

    /** Reads the properties, reporting every bad key at once; {@code where} names the file in messages. */
    static Expectation of(Properties p, String where) {
        List<String> problems = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key) && !key.startsWith("check.")) problems.add("unknown key '" + key + "'");
        }
        String outcome = p.getProperty("outcome", "COMPLETED").trim();
        if (!OUTCOMES.contains(outcome)) problems.add("outcome '" + outcome + "' is none of " + OUTCOMES);
        String old = blankToNull(p.getProperty("old"));
        String newer = blankToNull(p.getProperty("new"));
        if ((old == null) != (newer == null)) problems.add("old and new come together: one is compared with the other");
        int rows = number(p, "rows", 1000, problems);
        int workers = number(p, "workers", 2, problems);
        int rate = number(p, "rate", 200, problems);
        if (rows < 1) problems.add("rows must be at least 1");
        Map<String, String> checks = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("check.")).forEach(k -> checks.put(k.substring(6), p.getProperty(k)));
        if (!problems.isEmpty()) throw new IllegalArgumentException(where + ": " + String.join("; ", problems));
        return new Expectation(outcome, blankToNull(p.getProperty("message")), rows, workers, rate, old, newer,
                blankToNull(p.getProperty("stopAt")), blankToNull(p.getProperty("rollbackAt")),
                Boolean.parseBoolean(p.getProperty("rollbackAfterFailure", "false").trim()), checks);
    }

    private static int number(Properties p, String key, int otherwise, List<String> problems) {
        String v = p.getProperty(key);
        if (v == null) return otherwise;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            problems.add(key + " '" + v + "' is not a whole number");
            return otherwise;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

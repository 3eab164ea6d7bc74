package dev.zdm.cli.scenario;

import java.util.List;

/**
 * What one scenario run came to.
 *
 * @param outcome  the migration's final state (or TIMEOUT)
 * @param message  its final progress message
 * @param writes   writes the application made during the migration
 * @param errors   writes that failed
 * @param failures every expectation that did not hold, empty when the scenario passed
 */
public record ScenarioResult(String name, String outcome, String message, long writes, long errors, String checksum,
                             List<String> failures, double seconds) {
    public ScenarioResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** One line for a summary table. */
    public String line() {
        return String.format("%-32s %-5s %-11s %7d writes %3d errors %6.1f s%s", name, passed() ? "PASS" : "FAIL", outcome, writes, errors,
                seconds, passed() ? "" : "  " + String.join("; ", failures));
    }
}

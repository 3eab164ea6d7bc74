package dev.zdm.cli.bench;

import java.util.Objects;

/**
 * One line of the benchmark: a migration and what the application saw while it ran.
 *
 * @param scenario     the scenario's name, with a suffix when it was cut short (e.g. a statement timeout)
 * @param rows         rows the migration updated (0 for the baseline)
 * @param rowsPerSecond the migration's rows per second over its own run time (0 for the baseline)
 * @param app          the application's view of the window
 */
record ResultRow(String scenario, long rows, double rowsPerSecond, AppStats app) {
    ResultRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(app, "app");
    }
}

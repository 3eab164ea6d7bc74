package dev.zdm.cli.bench;

/**
 * How a migration ran.
 *
 * @param rows         rows it updated (for a run cut short: as far as it got, committed or not; see {@code cutShort})
 * @param elapsedNanos its own wall time
 * @param cutShort     why it did not finish (e.g. its statement timeout), or null when it did; appended
 *                     to the scenario's name in the results
 * @param detail       what else it reported (batches, batch sizes, throttling), or null
 */
record MigrationRun(long rows, long elapsedNanos, String cutShort, String detail) {
    double rowsPerSecond() {
        return elapsedNanos <= 0 ? 0 : rows / (elapsedNanos / 1e9);
    }
}

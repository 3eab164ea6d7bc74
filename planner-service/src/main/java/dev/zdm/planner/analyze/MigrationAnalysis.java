package dev.zdm.planner.analyze;

import java.util.List;

/**
 * The analysis of a whole migration.
 *
 * @param statements           every statement's analysis, in file order
 * @param requiresZeroDowntime true when any statement breaks the running application, blocks a table
 *                             in use for longer than the threshold (or for an unknown time), cannot
 *                             run as written, or is of an unknown form
 * @param estimatedDowntimeMs  sum of the known blocking estimates if the file ran as written
 * @param estimateIsGuess      true when any estimate behind the sum is a guess or missing
 * @param reasons              one line per statement that requires zero-downtime handling
 */
public record MigrationAnalysis(List<StatementAnalysis> statements, boolean requiresZeroDowntime, long estimatedDowntimeMs,
                                boolean estimateIsGuess, List<String> reasons) {
    public MigrationAnalysis {
        statements = List.copyOf(statements);
        reasons = List.copyOf(reasons);
    }
}

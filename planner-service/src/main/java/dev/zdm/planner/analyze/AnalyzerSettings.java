package dev.zdm.planner.analyze;

/**
 * @param blockingThresholdMs a statement blocking a table in use longer than this needs zero-downtime
 *                            handling; one second is about what an application's retries absorb unseen
 * @param costs               throughputs for estimates
 */
public record AnalyzerSettings(long blockingThresholdMs, CostModel costs) {
    public static final AnalyzerSettings DEFAULT = new AnalyzerSettings(1_000, CostModel.DEFAULT);

    public AnalyzerSettings {
        if (blockingThresholdMs < 0) throw new IllegalArgumentException("blockingThresholdMs must not be negative");
        if (costs == null) throw new IllegalArgumentException("costs must be given");
    }
}

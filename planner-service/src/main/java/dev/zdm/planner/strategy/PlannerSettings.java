package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.AnalyzerSettings;

import java.util.List;
import java.util.Objects;

/**
 * Defaults for what a migration's metadata does not say.
 *
 * @param service          the application whose deployments release APP phases ({@code service})
 * @param versions         versions successive APP phases of one change wait for ({@code deploymentVersions})
 * @param lockTimeoutMs    lock_timeout of every DDL step ({@code lockTimeoutMs})
 * @param breaker          circuit breaker that gates feature-flag steps ({@code breaker})
 * @param rolloutSteps     feature-flag percentages ({@code rolloutSteps})
 * @param removalDays      days between deprecation and removal ({@code removalDays})
 * @param batch            backfill pacing ({@code batchSize}, {@code delayMs}, ...)
 * @param analyzer         analyzer thresholds and cost model
 */
public record PlannerSettings(String service, List<String> versions, long lockTimeoutMs, String breaker,
                              List<Integer> rolloutSteps, int removalDays, BatchOptions batch, AnalyzerSettings analyzer) {
    public static final PlannerSettings DEFAULT = new PlannerSettings("app", List.of("v1.1", "v1.2", "v1.3"),
            Step.DEFAULT_LOCK_TIMEOUT_MS, "migration_executor", List.of(10, 50, 100), 30, BatchOptions.DEFAULT, AnalyzerSettings.DEFAULT);

    public PlannerSettings {
        Objects.requireNonNull(service, "service");
        versions = List.copyOf(versions);
        rolloutSteps = List.copyOf(rolloutSteps);
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(analyzer, "analyzer");
        if (versions.isEmpty()) throw new IllegalArgumentException("versions must not be empty");
    }
}

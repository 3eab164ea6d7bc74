package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Plan;
import dev.zdm.planner.analyze.MigrationAnalysis;

import java.util.List;
import java.util.Optional;

/**
 * Everything the planner says about a migration: what maps to {@code MigrationPlanned} (or, with a
 * rejection, to {@code MigrationRejected}) and what {@code zdm plan} prints.
 *
 * @param analysis            per-statement analysis and the migration-level verdict
 * @param recommendedStrategy the first strategy other than {@code direct} in the plan, else {@code direct}
 * @param statementStrategies the strategy that handles each statement, by statement index
 * @param plan                the phases; null when the migration was rejected
 * @param rejection           why no plan could be made (code, message, file:line:column); null when planned
 */
public record PlannedMigration(MigrationAnalysis analysis, String recommendedStrategy, List<String> statementStrategies,
                               Plan plan, ZdmException rejection) {
    public PlannedMigration {
        statementStrategies = List.copyOf(statementStrategies);
        if ((plan == null) == (rejection == null)) throw new IllegalArgumentException("exactly one of plan and rejection must be given");
    }

    public Optional<Plan> planIfAny() {
        return Optional.ofNullable(plan);
    }

    public boolean rejected() {
        return rejection != null;
    }

    /**
     * True only when zdm would run the migration exactly as written and the analysis found nothing
     * against it: no statement needs zero-downtime handling, nothing was rejected, and no strategy
     * other than {@code direct} rewrites a statement (a foreign key zdm adds NOT VALID and validates
     * later is not the statement the file holds).
     */
    public boolean safeAsWritten() {
        return !rejected() && !analysis.requiresZeroDowntime() && DirectStrategy.NAME.equals(recommendedStrategy);
    }
}

package dev.zdm.planner.orchestrate;

import dev.zdm.domain.plan.Plan;
import dev.zdm.events.StatementAnalysis;
import java.util.List;

/** Turns a migration's SQL into an analysis and a plan. Pure; throws a non-retriable ZdmException on bad input. */
public interface Planning {
    Result plan(String source, String sql);

    /** The analysis (as carried by {@code MigrationPlanned}) and the plan. */
    record Result(Plan plan, boolean requiresZeroDowntime, String recommendedStrategy, long estimatedDowntimeMs,
                  List<StatementAnalysis> statements) {
    }
}

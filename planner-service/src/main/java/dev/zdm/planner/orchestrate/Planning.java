package dev.zdm.planner.orchestrate;

import java.util.Set;
import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.Plan;
import dev.zdm.events.StatementAnalysis;
import dev.zdm.planner.catalog.Catalog;
import java.util.List;

/**
 * Turns a migration's SQL into an analysis and a plan, given the target's catalog. Pure; throws a
 * non-retriable ZdmException (with file:line:column) when the migration cannot be planned.
 */
public interface Planning {
    Result plan(String source, String sql, Catalog catalog);

    /**
     * The analysis (as carried by {@code MigrationPlanned}) and the plan.
     *
     * @param tables the tables the migration changes or reads, which it claims until it ends; zdm's
     *               own control tables (the guide's {@code _migration_*}) are shared and never in it
     */
    record Result(Plan plan, boolean requiresZeroDowntime, String recommendedStrategy, long estimatedDowntimeMs,
                  List<StatementAnalysis> statements, Set<TableName> tables) {
        public Result {
            tables = Set.copyOf(tables);
        }
    }
}

package dev.zdm.planner.orchestrate;

import java.util.TreeSet;
import java.util.Set;
import java.util.List;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.messaging.AnalysisEvents;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;

/** Planning by the analyzer and the strategies: what zdm runs by default. */
public final class AnalyzingPlanning implements Planning {
    private final Planner planner;

    public AnalyzingPlanning(Planner planner) {
        this.planner = planner;
    }

    @Override
    public Result plan(String source, String sql, Catalog catalog) {
        PlannedMigration planned = planner.analyzeAndPlan(SqlSplitter.split(source == null || source.isBlank() ? "migration.sql" : source, sql), catalog);
        if (planned.rejected()) throw planned.rejection();
        var analysis = planned.analysis();
        return new Result(planned.plan(), analysis.requiresZeroDowntime(), planned.recommendedStrategy(), analysis.estimatedDowntimeMs(),
                AnalysisEvents.statements(planned), tables(analysis.statements()));
    }

    static Set<TableName> tables(List<StatementAnalysis> statements) {
        Set<TableName> tables = new TreeSet<>();
        for (StatementAnalysis s : statements) {
            tables.addAll(s.tables());
            s.changes().forEach(c -> tables.add(c.table()));
        }
        tables.removeIf(t -> t.name().startsWith("_migration_") || t.schema().equals("zdm"));
        return tables;
    }
}

package dev.zdm.planner.messaging;

import dev.zdm.events.StatementAnalysis;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.strategy.PlannedMigration;
import java.util.ArrayList;
import java.util.List;

/** Maps the analyzer's per-statement verdicts to the {@code StatementAnalysis} records of {@code MigrationPlanned}. */
public final class AnalysisEvents {
    private AnalysisEvents() {
    }

    public static List<StatementAnalysis> statements(PlannedMigration planned) {
        List<StatementAnalysis> out = new ArrayList<>();
        var statements = planned.analysis().statements();
        for (int i = 0; i < statements.size(); i++) {
            var s = statements.get(i);
            out.add(StatementAnalysis.newBuilder()
                    .setIndex(s.index()).setSql(s.sql()).setKind(s.kind().name())
                    .setTables(s.tables().stream().map(Object::toString).toList())
                    .setLockMode(s.lockMode() == null ? null : s.lockMode().docName())
                    .setRewritesTable(s.rewritesTable()).setScansTable(s.scansTable())
                    .setBlocksReads(s.blocksReads()).setBlocksWrites(s.blocksWrites()).setBreaksRunningApp(s.breaksRunningApp())
                    .setEstimatedBlockingMs(s.estimate() == null || s.estimate().unknown() ? null : s.estimate().millis())
                    .setStrategy(i < planned.statementStrategies().size() ? planned.statementStrategies().get(i) : null)
                    .setFindings(s.findings().stream().map(AnalysisEvents::finding).toList())
                    .build());
        }
        return out;
    }

    static String finding(Finding f) {
        return f.label() + ": " + f.message() + (f.safeAlternative() == null ? "" : " -> " + f.safeAlternative());
    }
}

package dev.zdm.cli;

import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.truth.ShadowReport;
import dev.zdm.planner.truth.ShadowVerdict;
import dev.zdm.runtime.messaging.StepMapper;
import java.util.List;
import java.util.Map;

/**
 * The JSON document of {@code zdm plan --json}: field names are part of the CLI's contract.
 * {@code requiresZeroDowntime} is false only when the migration is safe as written
 * ({@link PlannedMigration#safeAsWritten}), as the exit status says.
 */
record PlanJson(boolean requiresZeroDowntime, String recommendedStrategy, long estimatedDowntimeMs, boolean estimateIsGuess,
                List<StatementJson> statements, List<PhaseJson> phases, RejectionJson rejection, List<ShadowJson> shadowCheck,
                String shadowCheckHeader, List<String> shadowCheckNotes) {

    /** What PostgreSQL did with a statement on the shadow copy, and whether the analyzer agrees. */
    record ShadowJson(int index, boolean checked, boolean agrees, boolean failedOnPostgres, String description) {
    }

    record StatementJson(int index, String sql, String kind, List<String> tables, String lockMode, boolean rewritesTable,
                         boolean scansTable, boolean blocksReads, boolean blocksWrites, boolean breaksRunningApp,
                         Long estimatedBlockingMs, String strategy, List<FindingJson> findings) {
    }

    /** @param accepted the author accepts it ({@code -- @metadata {"allow": [code]}}) */
    record FindingJson(String severity, String code, String message, String safeAlternative, boolean accepted) {
    }

    record PhaseJson(String id, int index, String name, String strategy, String kind, String waitsFor, boolean pointOfNoReturn,
                     List<StepJson> steps, List<StepJson> rollback) {
    }

    /** @param tables the relations by role, each as {@code {"schema": ..., "name": ...}} exactly as stored */
    record StepJson(String id, String kind, String description, String sql, Map<String, String> params,
                    Map<String, TableJson> tables, Map<String, List<String>> columns) {
    }

    record TableJson(String schema, String name) {
    }

    record RejectionJson(String code, String location, String message) {
    }

    /** @param check the database check of {@code --pg}, or null without one */
    static PlanJson of(PlannedMigration m, ShadowReport check) {
        List<ShadowVerdict> verdicts = check == null ? List.of() : check.verdicts();
        var a = m.analysis();
        List<StatementJson> statements = a.statements().stream().map(s -> statement(s, m)).toList();
        List<PhaseJson> phases = m.plan() == null ? List.of() : m.plan().phases().stream().map(PlanJson::phase).toList();
        RejectionJson rejection = m.rejected()
                ? new RejectionJson(m.rejection().code().code(), m.rejection().location(), m.rejection().getMessage()) : null;
        boolean refused = verdicts.stream().anyMatch(ShadowVerdict::failedOnPostgres);
        return new PlanJson(!m.safeAsWritten() || refused, m.recommendedStrategy(), a.estimatedDowntimeMs(), a.estimateIsGuess(),
                statements, phases, rejection, verdicts.stream().map(v -> new ShadowJson(v.index(),
                        v instanceof ShadowVerdict.Checked, v.agrees(), v.failedOnPostgres(), v.describe())).toList(),
                check == null ? null : check.header(), check == null ? List.of() : check.notes());
    }

    private static StatementJson statement(StatementAnalysis s, PlannedMigration m) {
        return new StatementJson(s.index(), s.sql(), s.kind().name(), s.tables().stream().map(Object::toString).toList(),
                s.lockMode() == null ? null : s.lockMode().docName(), s.rewritesTable(), s.scansTable(), s.blocksReads(),
                s.blocksWrites(), s.breaksRunningApp(), s.estimate().unknown() ? null : s.estimate().millis(),
                s.index() < m.statementStrategies().size() ? m.statementStrategies().get(s.index()) : null,
                s.findings().stream().map(PlanJson::finding).toList());
    }

    private static FindingJson finding(Finding f) {
        return new FindingJson(f.severity().name(), f.code().name(), f.message(), f.safeAlternative(), f.accepted());
    }

    private static PhaseJson phase(Phase p) {
        return new PhaseJson(p.id(), p.index(), p.name(), p.strategy(), p.kind().name(), p.waitsFor().map(Object::toString).orElse(null),
                p.pointOfNoReturn(), p.steps().stream().map(PlanJson::step).toList(), p.rollback().stream().map(PlanJson::step).toList());
    }

    private static StepJson step(Step s) {
        var e = StepMapper.toEvent(s);
        Map<String, TableJson> tables = new java.util.LinkedHashMap<>();
        e.getTables().forEach((role, t) -> tables.put(role, new TableJson(t.getSchemaName(), t.getName())));
        return new StepJson(e.getStepId(), e.getKind(), e.getDescription(), e.getSql(), e.getParams(), tables, e.getColumns());
    }
}

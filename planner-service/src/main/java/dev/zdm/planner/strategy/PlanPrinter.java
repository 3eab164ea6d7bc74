package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.TableLock;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A planned migration as readable text: the verdict, one block per statement, one per phase with
 * its steps and undo steps in full. Deterministic (maps printed in key order), so it also serves as
 * the golden-file format. Stateless.
 */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(PlannedMigration m) {
        StringBuilder out = new StringBuilder();
        var a = m.analysis();
        out.append("requiresZeroDowntime: ").append(a.requiresZeroDowntime()).append('\n');
        out.append("recommendedStrategy: ").append(m.recommendedStrategy()).append('\n');
        out.append("estimatedDowntimeMs: ").append(a.estimatedDowntimeMs()).append(a.estimateIsGuess() ? " (guess)" : "").append('\n');
        a.reasons().forEach(r -> out.append("  because ").append(r).append('\n'));
        out.append("\nstatements:\n");
        for (StatementAnalysis s : a.statements()) statement(out, s, m);
        if (m.rejected()) {
            out.append("\nrejected: ").append(m.rejection().code().code()).append(" at ").append(m.rejection().location())
                    .append(": ").append(m.rejection().getMessage()).append('\n');
            return out.toString();
        }
        out.append("\nphases (strategy ").append(m.plan().strategy()).append("):\n");
        for (Phase p : m.plan().phases()) phase(out, p);
        return out.toString();
    }

    private static void statement(StringBuilder out, StatementAnalysis s, PlannedMigration m) {
        out.append("  ").append(s.index() + 1).append(". ").append(s.statement().position()).append(' ').append(s.kind());
        if (!m.statementStrategies().isEmpty()) out.append(" -> ").append(m.statementStrategies().get(s.index()));
        out.append('\n');
        out.append("     locks: ").append(s.locks().isEmpty() ? "none" : s.locks().stream().map(TableLock::toString).collect(Collectors.joining(", ")))
                .append("; rewrites: ").append(yn(s.rewritesTable())).append("; scans: ").append(yn(s.scansTable()))
                .append("; blocks: ").append(s.blocksReads() ? "reads+writes" : s.blocksWrites() ? "writes" : "nothing")
                .append("; breaks app: ").append(yn(s.breaksRunningApp()))
                .append("; estimate: ").append(s.estimate().unknown() ? "unknown" : s.estimate().millis() + " ms")
                .append(" (").append(s.estimate().basis()).append(")\n");
        for (Finding f : s.findings()) {
            out.append("     ").append(f.label()).append(": ").append(f.message());
            if (f.safeAlternative() != null) out.append(" -> ").append(f.safeAlternative());
            out.append('\n');
        }
    }

    private static void phase(StringBuilder out, Phase p) {
        out.append("  ").append(p.id()).append(' ').append(p.name()).append(" [").append(p.kind()).append(", ").append(p.strategy());
        p.waitsFor().ifPresent(g -> out.append(", waits for ").append(g));
        if (p.pointOfNoReturn()) out.append(", point of no return");
        out.append("]\n");
        p.steps().forEach(s -> step(out, "    ", s));
        p.rollback().forEach(s -> step(out, "    undo ", s));
    }

    private static void step(StringBuilder out, String prefix, Step s) {
        out.append(prefix).append(s.id()).append(' ').append(detail(s).replace("\n", "\n" + " ".repeat(prefix.length() + s.id().length() + 1))).append('\n');
    }

    private static String detail(Step s) {
        if (s instanceof Step.Sql q) {
            return "sql" + (q.transactional() ? "" : " (outside transaction)") + " lock_timeout=" + q.lockTimeoutMs() + "ms"
                    + (q.statementTimeoutMs() > 0 ? " statement_timeout=" + q.statementTimeoutMs() + "ms" : "") + ":\n" + q.sql();
        }
        if (s instanceof Step.CreateIndexConcurrently c) return "create index concurrently " + c.schema() + "." + c.indexName() + ":\n" + c.sql();
        if (s instanceof Step.Backfill b) {
            return (b.deletes() ? "batched delete from " + b.table() + " by " + b.keyColumn()
                    : "backfill " + b.table() + " by " + b.keyColumn() + " set " + b.setClause()) + " where " + b.pendingPredicate() + " " + b.options();
        }
        if (s instanceof Step.Copy c) return "copy " + c.sourceTable() + " -> " + c.targetTable() + " keys " + c.keyColumns() + " mapping " + sorted(c.mapping()) + " " + c.options();
        if (s instanceof Step.Sync y) {
            return "sync " + y.action() + " " + y.mode() + " " + y.sourceTable() + " -> " + y.targetTable() + " keys " + y.keyColumns()
                    + " mapping " + sorted(y.mapping()) + " reverse " + sorted(y.reverseMapping());
        }
        if (s instanceof Step.Verify v) return "verify " + v.sourceTable() + " = " + v.targetTable() + " keys " + v.keyColumns() + " mapping " + sorted(v.mapping());
        if (s instanceof Step.Switch w) return "switch " + w.blueTable() + " becomes " + w.retiredName() + ", " + w.greenTable() + " becomes " + w.blueTable();
        if (s instanceof Step.FlagRollout f) return "flag " + f.flag() + " -> " + f.percentage() + "% while breaker " + f.guardBreaker() + " is closed";
        return s.describe();
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return new TreeMap<>(map);
    }

    private static String yn(boolean b) {
        return b ? "yes" : "no";
    }
}

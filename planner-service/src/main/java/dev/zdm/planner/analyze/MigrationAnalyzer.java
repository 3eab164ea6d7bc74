package dev.zdm.planner.analyze;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.recognize.Recognizers;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.ParsedStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Analyzes a migration statement by statement, each against the schema as the statements before it
 * leave it, then decides whether the migration as a whole needs zero-downtime handling. Pure and
 * thread-safe: all state lives in one call.
 */
public final class MigrationAnalyzer {
    /** Findings that mean the statement cannot run as written. */
    private static final Set<String> INVALID = Set.of("INVALID_TRIGGER", "NOT_ALLOWED_IN_BLOCK", IndexPredicates.NOT_IMMUTABLE);

    /** DANGER findings whose harm is the blocking time the estimate already weighs (a rewrite of a tiny table is quick). */
    private static final Set<String> JUDGED_BY_TIME = Set.of("REWRITE");

    private final AnalyzerSettings settings;
    private final StatementJudge judge;

    public MigrationAnalyzer(AnalyzerSettings settings) {
        this.settings = settings;
        this.judge = new StatementJudge(settings);
    }

    public MigrationAnalyzer() {
        this(AnalyzerSettings.DEFAULT);
    }

    /**
     * @param statements the migration's statements in file order
     * @param catalog    the live catalog, or {@link Catalog#empty()} when no database is given
     */
    public MigrationAnalysis analyze(List<ParsedStatement> statements, Catalog catalog) {
        SchemaView schema = new SchemaView(catalog);
        List<StatementAnalysis> out = new ArrayList<>();
        for (ParsedStatement s : statements) {
            try {
                Effect effect = Recognizers.recognize(s.sql(), schema);
                out.add(judge.judge(s, effect, schema));
                effect.changes().forEach(schema::apply);
            } catch (ZdmException e) {
                throw e.location() != null ? e : new ZdmException(e.code(), e.getMessage(), s.position().toString());
            } catch (RuntimeException e) {
                throw new ZdmException(ErrorCode.SQL_PARSE, "zdm cannot read this statement (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is it PostgreSQL, or a template not yet filled in?",
                        s.position().toString());
            }
        }
        out = Redefinitions.apply(out);
        out = HeldLocks.apply(out, settings.costs().catalogOnlyMs());
        List<String> reasons = new ArrayList<>();
        long downtime = 0;
        boolean guess = false;
        for (StatementAnalysis a : out) {
            reason(a).ifPresent(r -> reasons.add("statement " + (a.index() + 1) + " (" + a.statement().position() + "): " + r));
            if (a.blocks()) {
                guess |= a.estimate().guess();
                downtime += Math.max(0, a.estimate().millis());
            }
        }
        if (reasons.isEmpty() && downtime > settings.blockingThresholdMs()) {
            long blocking = out.stream().filter(StatementAnalysis::blocks).count();
            reasons.add("together its " + blocking + " statements that lock tables in use block them for ~" + downtime
                    + " ms, more than " + settings.blockingThresholdMs() + " ms");
        }
        return new MigrationAnalysis(out, !reasons.isEmpty(), downtime, guess, reasons);
    }

    /** Analyzes a single statement against {@code catalog}. */
    public StatementAnalysis analyzeOne(ParsedStatement statement, Catalog catalog) {
        return analyze(List.of(statement), catalog).statements().get(0);
    }

    private java.util.Optional<String> reason(StatementAnalysis a) {
        if (a.kind() == StatementKind.UNKNOWN) return java.util.Optional.of("unknown form, assumed ACCESS EXCLUSIVE");
        if (a.findings().stream().anyMatch(f -> INVALID.contains(f.code()))) return java.util.Optional.of("cannot run as written");
        if (a.breaksRunningApp()) return java.util.Optional.of("breaks the running application (" + a.kind() + ")");
        var danger = a.findings().stream().filter(f -> f.severity() == Finding.Severity.DANGER && !JUDGED_BY_TIME.contains(f.code())).findFirst();
        if (danger.isPresent()) return java.util.Optional.of("DANGER " + danger.get().code() + ": " + danger.get().message());
        if (a.blocks() && a.estimate().unknown()) {
            return java.util.Optional.of("blocks " + (a.blocksReads() ? "reads and writes" : "writes") + " for an unknown time (" + a.kind() + ")");
        }
        if (a.blocks() && a.estimate().millis() > settings.blockingThresholdMs()) {
            return java.util.Optional.of("blocks " + (a.blocksReads() ? "reads and writes" : "writes") + " for ~"
                    + a.estimate().millis() + " ms (" + a.kind() + ")");
        }
        return java.util.Optional.empty();
    }
}

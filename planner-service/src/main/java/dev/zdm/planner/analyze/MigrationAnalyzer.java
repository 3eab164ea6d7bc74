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
    /** DANGER findings whose harm is the blocking time the estimate already weighs (a rewrite of a tiny table is quick). */
    private static final Set<FindingCode> JUDGED_BY_TIME = java.util.EnumSet.of(FindingCode.REWRITE);

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
        out = out.stream().map(this::blocksTable).map(MigrationAnalyzer::accept).toList();
        List<String> reasons = new ArrayList<>();
        long downtime = 0;
        long unaccepted = 0;
        boolean guess = false;
        for (StatementAnalysis a : out) {
            reason(a).ifPresent(r -> reasons.add("statement " + (a.index() + 1) + " (" + a.statement().position() + "): " + r));
            if (a.blocks()) {
                guess |= a.estimate().guess();
                downtime += Math.max(0, a.estimate().millis());
                if (!a.acceptedAsWritten()) unaccepted += Math.max(0, a.estimate().millis());
            }
        }
        if (reasons.isEmpty() && unaccepted > settings.blockingThresholdMs()) {
            long blocking = out.stream().filter(a -> a.blocks() && !a.acceptedAsWritten()).count();
            reasons.add("together its " + blocking + " statements that lock tables in use block them for ~" + downtime
                    + " ms, more than " + settings.blockingThresholdMs() + " ms");
        }
        return new MigrationAnalysis(out, !reasons.isEmpty(), downtime, guess, reasons);
    }

    /** Analyzes a single statement against {@code catalog}. */
    public StatementAnalysis analyzeOne(ParsedStatement statement, Catalog catalog) {
        return analyze(List.of(statement), catalog).statements().get(0);
    }

    /**
     * A statement that blocks a table in use too long (or for an unknown time) and says so in no WARNING
     * or DANGER finding gets one, {@code BLOCKS_TABLE}: every reason a statement is not safe as written
     * is a finding with a code its author can read, and accept.
     */
    private StatementAnalysis blocksTable(StatementAnalysis a) {
        long threshold = settings.blockingThresholdMs();
        if (!a.blocks() || !a.estimate().unknown() && a.estimate().millis() <= threshold) return a;
        if (a.kind() == StatementKind.UNKNOWN || a.findings().stream().anyMatch(Finding::needsAttention)) return a;
        String on = a.tables().isEmpty() ? "its table" : a.tables().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
        String how = a.estimate().unknown()
                ? "for a time zdm cannot estimate" + (a.estimate().basis() == BlockingEstimate.Basis.UNKNOWN_SIZE ? " (the table's size is unknown)" : "")
                : "for ~" + a.estimate().millis() + " ms, more than the " + threshold + " ms threshold";
        List<Finding> findings = new ArrayList<>(a.findings());
        findings.add(Finding.warning(FindingCode.BLOCKS_TABLE, (a.lockMode() == null ? "its lock" : a.lockMode().docName()) + " on " + on
                + ", in use: " + (a.blocksReads() ? "reads and writes" : "writes") + " wait " + how,
                "plan with --pg so zdm weighs the live table; if it is small, accept this with -- @metadata {\"allow\": [\"BLOCKS_TABLE\"]}"));
        return a.withFindings(findings);
    }

    /**
     * Marks the findings whose codes the statement's metadata allows as accepted.
     *
     * @throws ZdmException {@code BAD_METADATA} at the comment for a code that is not a finding code, or
     *                      one PostgreSQL's refusal stands behind (it cannot run as written)
     */
    private static StatementAnalysis accept(StatementAnalysis a) {
        var metadata = a.statement().metadata();
        if (metadata.allowed().isEmpty()) return a;
        java.util.EnumSet<FindingCode> allowed = java.util.EnumSet.noneOf(FindingCode.class);
        for (String name : metadata.allowed()) {
            FindingCode code = FindingCode.named(name).orElseThrow(() -> new ZdmException(ErrorCode.BAD_METADATA, "\"allow\" names \"" + name
                    + "\", which is not a finding code; known: " + java.util.Arrays.stream(FindingCode.values()).filter(FindingCode::acceptable)
                    .map(Enum::name).collect(java.util.stream.Collectors.joining(", ")), metadata.position().toString()));
            if (!code.acceptable()) {
                throw new ZdmException(ErrorCode.BAD_METADATA, "\"allow\" names " + code + ", which cannot be accepted: PostgreSQL refuses "
                        + "such a statement (" + code.summary() + ")", metadata.position().toString());
            }
            allowed.add(code);
        }
        return a.withFindings(a.findings().stream().map(f -> allowed.contains(f.code()) ? f.accept() : f).toList());
    }

    private java.util.Optional<String> reason(StatementAnalysis a) {
        if (a.acceptedAsWritten()) return java.util.Optional.empty();
        if (a.kind() == StatementKind.UNKNOWN) return java.util.Optional.of("unknown form, assumed ACCESS EXCLUSIVE");
        if (a.findings().stream().anyMatch(f -> f.code().refusedByPostgres())) return java.util.Optional.of("cannot run as written");
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

package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.ParsedStatement;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a recognizer's {@link Effect} into a {@link StatementAnalysis}: what it blocks on tables in
 * use (tables created earlier in the same migration block nobody), and for how long.
 */
final class StatementJudge {
    /** Findings that do not apply to a table nobody uses yet. */
    private static final Set<FindingCode> IN_USE_ONLY = java.util.EnumSet.of(FindingCode.REWRITE, FindingCode.FULL_SCAN,
            FindingCode.BREAKS_RUNNING_APP, FindingCode.BIG_BACKFILL);

    private final AnalyzerSettings settings;

    StatementJudge(AnalyzerSettings settings) {
        this.settings = settings;
    }

    StatementAnalysis judge(ParsedStatement statement, Effect effect, SchemaView schema) {
        List<TableLock> inUse = effect.locks().stream().filter(l -> !schema.isNew(l.table())).toList();
        boolean subjectNew = effect.subject() != null && schema.isNew(effect.subject());
        LockMode unnamed = effect.unnamedLock();
        boolean blocksReads = inUse.stream().anyMatch(l -> l.mode().blocksReads()) || unnamed != null && unnamed.blocksReads();
        boolean blocksWrites = inUse.stream().anyMatch(l -> l.mode().blocksWrites()) || unnamed != null && unnamed.blocksWrites()
                || (effect.work() == Work.ROW_WRITES && !subjectNew);
        List<Finding> findings = subjectNew
                ? effect.findings().stream().filter(f -> !IN_USE_ONLY.contains(f.code())).toList()
                : effect.findings();
        BlockingEstimate estimate = estimate(effect, schema, blocksReads || blocksWrites, subjectNew, statement.sql());
        return new StatementAnalysis(statement, effect.kind(), effect.locks().stream().map(TableLock::table).toList(), effect.locks(),
                effect.strongestLock(), effect.newStorage(), effect.work() != Work.CATALOG_ONLY, blocksReads, blocksWrites,
                effect.breaksApp() && !subjectNew, effect.transactional(), estimate, findings, effect.changes());
    }

    private BlockingEstimate estimate(Effect effect, SchemaView schema, boolean blocks, boolean subjectNew, String sql) {
        if (subjectNew) return new BlockingEstimate(0, BlockingEstimate.Basis.NEW_TABLE);
        if (!blocks) return BlockingEstimate.NONE;
        CostModel costs = settings.costs();
        if (effect.subject() == null && effect.unnamedLock() != null) return new BlockingEstimate(-1, BlockingEstimate.Basis.UNKNOWN_SIZE);
        if (effect.work() == Work.CATALOG_ONLY && effect.kind() != StatementKind.UNKNOWN) {
            return new BlockingEstimate(costs.catalogOnlyMs(), BlockingEstimate.Basis.CATALOG_ONLY);
        }
        TableName subject = effect.subject();
        Optional<TableStats> stats = subject == null ? Optional.empty() : schema.table(subject);
        if (stats.isEmpty() || effect.kind() == StatementKind.UNKNOWN) {
            return new BlockingEstimate(-1, BlockingEstimate.Basis.UNKNOWN_SIZE);
        }
        java.util.OptionalLong rows = effect.work() == Work.ROW_WRITES ? schema.rowsAffected(sql) : java.util.OptionalLong.empty();
        if (rows.isPresent() && stats.get().reltuples() > 0) {
            double rowBytes = stats.get().relationBytes() / stats.get().reltuples();
            return new BlockingEstimate(costs.catalogOnlyMs() + Math.round(rows.getAsLong() * rowBytes / costs.rowWriteBytesPerMs()),
                    BlockingEstimate.Basis.EXPLAINED);
        }
        long ms = costs.millis(effect.work(), stats.get());
        return new BlockingEstimate(ms, stats.get().neverAnalyzed() ? BlockingEstimate.Basis.NEVER_ANALYZED : BlockingEstimate.Basis.MEASURED);
    }
}

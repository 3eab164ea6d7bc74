package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.IndexPredicates;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.zdm.planner.strategy.SqlText.q;

/**
 * Big work done in small pieces. An index is built with {@code CREATE INDEX CONCURRENTLY} (outside
 * any transaction; the executor drops an INVALID leftover before retrying), first as a partial
 * index where asked ({@code partialIndexWhere}, or a DO block that builds a partial then a full
 * index), then in full, then the partial one is dropped. A partial step PostgreSQL would refuse (its
 * predicate calls now()) is left out: the full index is what the migration asked for. A whole-table
 * UPDATE becomes a keyset backfill in short transactions paced by {@code batchSize}, {@code delayMs},
 * {@code maxDuration} and {@code rolloutPercentage}.
 */
final class ProgressiveStrategy implements Strategy {

    @Override
    public String name() {
        return "progressive";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        return board.eligible(this, s -> isIndex(s, board) || isDoBlockOfIndexes(s) || isBackfill(s, board))
                .stream().map(s -> board.claim(this, s, List.of(s))).toList();
    }

    private boolean isIndex(StatementAnalysis s, ClaimBoard board) {
        if (s.kind() == StatementKind.CREATE_INDEX || s.kind() == StatementKind.DROP_INDEX) return s.blocks();
        return s.kind() == StatementKind.CREATE_INDEX_CONCURRENTLY
                && (s.statement().metadata().partialIndexWhere() != null || board.requested(this, s));
    }

    private static boolean isDoBlockOfIndexes(StatementAnalysis s) {
        return s.kind() == StatementKind.DO_BLOCK && s.change(Change.CreateIndex.class).isPresent()
                && s.changes().stream().allMatch(c -> c instanceof Change.CreateIndex || c instanceof Change.DropIndex);
    }

    private boolean isBackfill(StatementAnalysis s, ClaimBoard board) {
        return (s.kind() == StatementKind.UPDATE || s.kind() == StatementKind.DELETE) && s.change(Change.Dml.class).filter(d -> !d.joins()).isPresent()
                && (board.requested(this, s) || s.statement().metadata().isProgressive()
                || (s.blocksWrites() && Safety.whyUnsafe(s, board.thresholdMs()).isPresent()));
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        StatementAnalysis s = claim.anchor();
        if (s.kind() == StatementKind.UPDATE || s.kind() == StatementKind.DELETE) {
            backfill(claim, plan, s.change(Change.Dml.class).orElseThrow());
            return;
        }
        if (s.kind() == StatementKind.DROP_INDEX) {
            // DROP INDEX takes ACCESS EXCLUSIVE on the table and queues behind every open transaction; CONCURRENTLY does not.
            for (Change c : s.changes()) {
                if (c instanceof Change.DropIndex d) {
                    plan.db("drop-index " + d.name(), claim).sqlOutsideTransaction("DROP INDEX CONCURRENTLY IF EXISTS " + d.index().sql()).add();
                }
            }
            return;
        }
        List<Change.CreateIndex> builds = new ArrayList<>(s.changes().stream().filter(c -> c instanceof Change.CreateIndex).map(c -> (Change.CreateIndex) c).toList());
        List<String> drops = new ArrayList<>(s.changes().stream().filter(c -> c instanceof Change.DropIndex).map(c -> ((Change.DropIndex) c).name()).toList());
        String partialWhere = s.statement().metadata().partialIndexWhere();
        if (builds.size() == 1 && partialWhere != null) {
            Change.CreateIndex full = builds.get(0);
            String partialName = full.name() + "_partial";
            builds.add(0, new Change.CreateIndex(full.table(), partialName, full.unique(), true, full.columns(), partialWhere,
                    partialSql(full, partialName, partialWhere)));
            drops.add(partialName);
        }
        leaveOutRefusedPartials(builds, drops, claim);
        for (Change.CreateIndex i : builds) {
            String indexName = i.name();
            String phase = builds.size() == 1 ? "create-index" : (i.where() != null ? "partial-index " : "full-index ") + indexName;
            plan.db(phase, claim)
                    .step(id -> new Step.CreateIndexConcurrently(id, i.table().schema(), indexName, SqlText.concurrently(i.sql())))
                    .undoSqlOutsideTransaction("DROP INDEX CONCURRENTLY IF EXISTS " + new TableName(i.table().schema(), indexName).sql(),
                            Removes.index(new TableName(i.table().schema(), indexName))).add();
        }
        for (String drop : drops) {
            TableName index = new TableName(builds.get(0).table().schema(), drop);
            PhaseBuilder p = plan.db("drop-index " + drop, claim).sqlOutsideTransaction("DROP INDEX CONCURRENTLY IF EXISTS " + index.sql());
            builds.stream().filter(b -> b.name().equals(drop)).findFirst().ifPresent(b ->
                    p.undo(id -> new Step.CreateIndexConcurrently(id, index.schema(), drop, SqlText.concurrently(b.sql()))));
            p.add();
        }
    }

    /**
     * A partial index whose predicate calls now() (the guide's {@code WHERE created_at > NOW() - INTERVAL '30 days'})
     * is one PostgreSQL refuses to build. When it is only a step on the way to the full index (dropped
     * afterwards), it is left out with its drop; any other such index refuses the plan.
     */
    private static void leaveOutRefusedPartials(List<Change.CreateIndex> builds, List<String> drops, Claim claim) {
        for (Change.CreateIndex b : List.copyOf(builds)) {
            if (!IndexPredicates.callsNotImmutable(b.where())) continue;
            if (drops.contains(b.name()) && builds.size() > 1) {
                builds.remove(b);
                drops.remove(b.name());
                continue;
            }
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "index " + b.name() + " on " + b.table().sql() + " has a predicate PostgreSQL"
                    + " refuses (it calls a function that is not IMMUTABLE: " + b.where().strip() + "); compare with a constant instead",
                    claim.anchor().statement().position().toString());
        }
    }

    private static String partialSql(Change.CreateIndex full, String name, String where) {
        return "CREATE " + (full.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + q(name) + " ON " + full.table().sql()
                + " (" + full.columns().stream().map(SqlText::q).collect(Collectors.joining(", ")) + ") WHERE " + where;
    }

    private static void backfill(Claim claim, PlanBuilder plan, Change.Dml update) {
        TableName table = update.table();
        // A DELETE deletes its own WHERE's rows in key batches; an UPDATE sets its own SET on its WHERE's rows (or on rows not yet set).
        String pending = update.where() != null ? update.where() : update.setClause() == null ? "TRUE" : pendingOf(update.setClause());
        String key = claim.context().keyColumns(update.table()).get(0);
        plan.db(update.setClause() == null ? "batched-delete" : "backfill", claim).pointOfNoReturn()
                .step(id -> new Step.Backfill(id, table, key, update.setClause(), pending, claim.context().batch())).add();
    }

    /** Rows still to do for {@code SET a = x, b = y}: {@code a IS DISTINCT FROM (x) OR b IS DISTINCT FROM (y)}. */
    static String pendingOf(String setClause) {
        List<String> parts = new ArrayList<>();
        for (SqlTokens assignment : SqlTokens.of(setClause).splitTopLevel()) {
            String column = assignment.name();
            assignment.acceptSymbol("=");
            parts.add(q(column) + " IS DISTINCT FROM (" + assignment.rest() + ")");
        }
        return String.join(" OR ", parts);
    }
}

package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Redefinitions;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs statements as written, one DB phase per run of consecutive statements, each DDL with
 * lock_timeout; statements between BEGIN and COMMIT stay together in one step. For statements that
 * are safe as written (ADD nullable column, CREATE INDEX CONCURRENTLY, COMMENT, CREATE TABLE...).
 * A statement that is not safe and that no other strategy took (unknown form, breaks the running
 * application, blocks a table in use too long) is refused, unless its metadata asks for
 * {@code "strategy": "direct"} or allows every WARNING and DANGER finding of it (the author accepts
 * running it as written).
 */
final class DirectStrategy implements Strategy {
    static final String NAME = "direct";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        List<Claim> out = new ArrayList<>();
        List<StatementAnalysis> run = new ArrayList<>();
        int last = -2;
        for (StatementAnalysis s : board.eligible(this, x -> true)) {
            if (s.index() != last + 1 && !run.isEmpty()) {
                out.add(board.claim(this, run.get(0), run));
                run = new ArrayList<>();
            }
            run.add(s);
            last = s.index();
        }
        if (!run.isEmpty()) out.add(board.claim(this, run.get(0), run));
        return out;
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        claim.statements().forEach(s -> refuseUnsafe(s, claim));
        PhaseBuilder phase = plan.db("apply", claim);
        List<Inverse.Undo> undo = new ArrayList<>();
        boolean irreversible = false;
        List<StatementAnalysis> transaction = null;
        Map<Integer, Integer> redefinitions = Redefinitions.pairs(claim.statements());
        int redefinitionEnd = -1;
        for (StatementAnalysis s : claim.statements()) {
            if (transaction == null && redefinitions.containsKey(s.index()) && inOneTransaction(claim, s.index(), redefinitions.get(s.index()))) {
                transaction = new ArrayList<>();
                redefinitionEnd = redefinitions.get(s.index());
            }
            if (s.kind() == StatementKind.TRANSACTION_CONTROL) {
                boolean begins = s.sql().strip().toLowerCase().matches("(begin|start)\\b.*");
                if (begins) transaction = new ArrayList<>();
                else if (transaction != null) {
                    if (!transaction.isEmpty()) phase.sql(String.join(";\n", transaction.stream().map(StatementAnalysis::sql).toList()));
                    transaction = null;
                }
                continue;
            }
            if (transaction != null) transaction.add(s);
            else step(phase, s);
            if (s.index() == redefinitionEnd) {
                phase.sql(String.join(";\n", transaction.stream().map(StatementAnalysis::sql).toList()));
                transaction = null;
                redefinitionEnd = -1;
            }
            Optional<List<Inverse.Undo>> inverse = Inverse.of(s);
            if (inverse.isPresent()) undo.addAll(0, inverse.get());
            else irreversible = true;
        }
        if (transaction != null && !transaction.isEmpty()) phase.sql(String.join(";\n", transaction.stream().map(StatementAnalysis::sql).toList()));
        for (Inverse.Undo u : undo) {
            if (u.transactional()) phase.undoSql(u.sql(), u.removes());
            else phase.undoSqlOutsideTransaction(u.sql(), u.removes());
        }
        if (irreversible) phase.pointOfNoReturn();
        phase.add();
    }

    /** True when statements {@code from..to} are all in this claim and may run in one transaction block. */
    private static boolean inOneTransaction(Claim claim, int from, int to) {
        List<StatementAnalysis> between = claim.statements().stream().filter(x -> x.index() >= from && x.index() <= to).toList();
        return between.size() == to - from + 1 && between.stream().allMatch(x -> x.transactional() && x.kind() != StatementKind.TRANSACTION_CONTROL);
    }

    private static void step(PhaseBuilder phase, StatementAnalysis s) {
        Optional<Change.CreateIndex> index = s.change(Change.CreateIndex.class).filter(Change.CreateIndex::concurrently);
        if (index.isPresent() && s.kind() == StatementKind.CREATE_INDEX_CONCURRENTLY) {
            phase.step(id -> new Step.CreateIndexConcurrently(id, index.get().table().schema(), index.get().name(), SqlText.concurrently(s.sql())));
        } else if (s.transactional()) {
            phase.sql(s.sql());
        } else {
            phase.sqlOutsideTransaction(s.sql());
        }
    }

    private static void refuseUnsafe(StatementAnalysis s, Claim claim) {
        if (NAME.equals(ClaimBoard.asked(s))) return;
        Optional<String> why = Safety.whyUnsafe(s, claim.context().settings().analyzer().blockingThresholdMs());
        if (why.isPresent()) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "no zero-downtime strategy applies to statement " + (s.index() + 1)
                    + " (" + s.kind() + "): " + why.get() + ". Rewrite it as a form zdm can run safely, or add "
                    + "-- @metadata {\"strategy\": \"direct\"} before it to run it as written", s.statement().position().toString());
        }
    }
}

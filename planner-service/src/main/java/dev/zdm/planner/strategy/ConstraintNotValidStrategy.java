package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Removes;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;

import java.util.List;

import static dev.zdm.planner.strategy.SqlText.q;

/**
 * A CHECK or FOREIGN KEY constraint without validating every row under a blocking lock: add it
 * {@code NOT VALID} (catalog only; new writes are checked from then on), then
 * {@code VALIDATE CONSTRAINT} under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on.
 */
final class ConstraintNotValidStrategy implements Strategy {

    @Override
    public String name() {
        return "constraint-not-valid";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        return board.eligible(this, ConstraintNotValidStrategy::validatesUnderLock).stream()
                .map(s -> board.claim(this, s, List.of(s))).toList();
    }

    private static boolean validatesUnderLock(StatementAnalysis s) {
        return (s.kind() == StatementKind.ADD_CHECK || s.kind() == StatementKind.ADD_FOREIGN_KEY) && s.scansTable() && s.blocks()
                && s.changes().size() == 1;
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        Change.AddConstraint add = claim.anchor().change(Change.AddConstraint.class).orElseThrow();
        String name = add.constraint().name();
        String clause = add.clause().regionMatches(true, 0, "constraint", 0, 10) ? add.clause() : "CONSTRAINT " + q(name) + " " + add.clause();
        String t = add.table().sql();
        plan.db("add-not-valid", claim).sql(SqlText.ifNoConstraint(add.table(), name, "ADD " + clause + " NOT VALID"))
                .undoSql("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(name), Removes.constraint(add.table(), name)).add();
        plan.db("validate", claim).sql("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + q(name)).add();
    }
}

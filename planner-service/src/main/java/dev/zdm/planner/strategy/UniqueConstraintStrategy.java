package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.List;
import java.util.stream.Collectors;

import static dev.zdm.planner.strategy.SqlText.q;

/**
 * A UNIQUE or PRIMARY KEY constraint without building its index under ACCESS EXCLUSIVE: build the
 * index with {@code CREATE UNIQUE INDEX CONCURRENTLY} under the constraint's name, then attach it
 * with {@code ADD CONSTRAINT ... USING INDEX} (catalog only). A PRIMARY KEY on nullable columns
 * still checks them for NULLs when attached; make them NOT NULL first (not-null-column pattern).
 */
final class UniqueConstraintStrategy implements Strategy {

    @Override
    public String name() {
        return "unique-constraint";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        return board.eligible(this, UniqueConstraintStrategy::buildsIndexUnderLock).stream()
                .map(s -> board.claim(this, s, List.of(s))).toList();
    }

    private static boolean buildsIndexUnderLock(StatementAnalysis s) {
        return (s.kind() == StatementKind.ADD_UNIQUE || s.kind() == StatementKind.ADD_PRIMARY_KEY) && s.blocks() && s.changes().size() == 1
                && s.change(Change.AddConstraint.class).filter(a -> a.usingIndex() == null && !a.columns().isEmpty()).isPresent();
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        Change.AddConstraint add = claim.anchor().change(Change.AddConstraint.class).orElseThrow();
        String name = add.constraint().name();
        TableName index = new TableName(add.table().schema(), name);
        boolean primary = claim.anchor().kind() == StatementKind.ADD_PRIMARY_KEY;
        String columns = add.columns().stream().map(SqlText::q).collect(Collectors.joining(", "));
        String t = add.table().sql();
        plan.db("build-index", claim)
                .step(id -> new Step.CreateIndexConcurrently(id, index.schema(), name,
                        "CREATE UNIQUE INDEX CONCURRENTLY " + q(name) + " ON " + t + " (" + columns + ")"))
                .undoSqlOutsideTransaction("DROP INDEX CONCURRENTLY IF EXISTS " + index.sql(), Removes.index(index)).add();
        plan.db("attach-constraint", claim)
                .sql(SqlText.ifNoConstraint(add.table(), name, "ADD CONSTRAINT " + q(name) + (primary ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + q(name)))
                .undoSql("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(name), Removes.constraint(add.table(), name)).add();
    }
}

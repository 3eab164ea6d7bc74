package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.DeploymentGate;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds one phase: steps get ids {@code p<n>.s<k>} and undo steps {@code p<n>.u<k>}, both from 1.
 * SQL steps carry the claim's lock_timeout and statement_timeout.
 */
public final class PhaseBuilder {
    private final PlanBuilder plan;
    private final int index;
    private final String name;
    private final String strategy;
    private final PhaseKind kind;
    private final DeploymentGate gate;
    private final PlanContext context;
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> undo = new ArrayList<>();
    private boolean pointOfNoReturn;

    PhaseBuilder(PlanBuilder plan, int index, String name, String strategy, PhaseKind kind, DeploymentGate gate, PlanContext context) {
        this.plan = plan;
        this.index = index;
        this.name = name;
        this.strategy = strategy;
        this.kind = kind;
        this.gate = gate;
        this.context = context;
    }

    /** Adds a step built from its id. */
    public PhaseBuilder step(Function<String, Step> make) {
        steps.add(make.apply("p" + (index + 1) + ".s" + (steps.size() + 1)));
        return this;
    }

    /** Adds an undo step built from its id; undo steps run in the order added. */
    public PhaseBuilder undo(Function<String, Step> make) {
        undo.add(make.apply("p" + (index + 1) + ".u" + (undo.size() + 1)));
        return this;
    }

    /** A transactional SQL step with the claim's timeouts. */
    public PhaseBuilder sql(String sql) {
        return step(id -> sqlStep(id, sql, true));
    }

    /** A SQL step that must run outside a transaction block (DROP INDEX CONCURRENTLY...). */
    public PhaseBuilder sqlOutsideTransaction(String sql) {
        return step(id -> sqlStep(id, sql, false));
    }

    public PhaseBuilder undoSql(String sql) {
        return undo(id -> sqlStep(id, sql, true));
    }

    /**
     * An undo step that removes {@code removes}: the executor runs it only when that object did not
     * exist before the phase first ran, so a rollback never removes what the migration found in place.
     */
    public PhaseBuilder undoSql(String sql, Removes removes) {
        return undo(id -> sqlStep(id, sql, true).removing(removes));
    }

    public PhaseBuilder undoSqlOutsideTransaction(String sql, Removes removes) {
        return undo(id -> sqlStep(id, sql, false).removing(removes));
    }

    /** Once this phase completed, the phases before it can no longer be rolled back. */
    public PhaseBuilder pointOfNoReturn() {
        pointOfNoReturn = true;
        return this;
    }

    /** Appends the phase to the plan. */
    public void add() {
        plan.append(new Phase("p" + (index + 1), index, name, strategy, kind, steps, undo, Optional.ofNullable(gate), pointOfNoReturn));
    }

    private Step.Sql sqlStep(String id, String sql, boolean transactional) {
        return new Step.Sql(id, sql, transactional, context.lockTimeoutMs(), context.statementTimeoutMs());
    }
}

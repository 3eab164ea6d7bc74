package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.DeploymentGate;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Plan;

import java.util.ArrayList;
import java.util.List;


/** Collects the phases of a plan in order and numbers them; strategies add phases through it. Not thread-safe. */
public final class PlanBuilder {
    private final List<Phase> phases = new ArrayList<>();

    /** Starts a DB phase (zdm runs its steps); call {@link PhaseBuilder#add()} when done. */
    public PhaseBuilder db(String name, Claim claim) {
        return new PhaseBuilder(this, phases.size(), name, claim.strategy().name(), PhaseKind.DB, null, claim.context());
    }

    /** Adds an APP phase that waits for {@code gate}; it has no steps and nothing to undo. */
    public void app(String name, Claim claim, DeploymentGate gate) {
        new PhaseBuilder(this, phases.size(), name, claim.strategy().name(), PhaseKind.APP, gate, claim.context()).add();
    }

    void append(Phase phase) {
        phases.add(phase);
    }

    /** Number of phases so far. */
    public int size() {
        return phases.size();
    }

    Plan build(String strategy) {
        return new Plan(strategy, phases);
    }

}

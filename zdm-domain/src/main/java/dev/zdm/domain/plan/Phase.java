package dev.zdm.domain.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One phase of a plan.
 *
 * @param id              stable id within the plan, e.g. {@code p1}
 * @param index           position in the plan, from 0
 * @param name            short human name, e.g. {@code expand}
 * @param strategy        the strategy that produced it
 * @param kind            DB (zdm runs the steps) or APP (waits for {@code waitsFor})
 * @param steps           run in order; empty for APP phases
 * @param rollback        undo steps, run in order when the phase is rolled back
 * @param waitsFor        the deployment that must be live before the phase is released
 * @param pointOfNoReturn once completed, earlier phases can no longer be rolled back past it
 */
public record Phase(String id, int index, String name, String strategy, PhaseKind kind, List<Step> steps,
                    List<Step> rollback, Optional<DeploymentGate> waitsFor, boolean pointOfNoReturn) {
    public Phase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
        waitsFor = waitsFor == null ? Optional.empty() : waitsFor;
        if (kind == PhaseKind.APP && waitsFor.isEmpty()) {
            throw new IllegalArgumentException("APP phase " + id + " must name the deployment it waits for");
        }
    }
}

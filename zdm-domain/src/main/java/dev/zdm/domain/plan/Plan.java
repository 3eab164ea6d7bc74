package dev.zdm.domain.plan;

import java.util.List;
import java.util.Objects;

/**
 * The phases zdm runs for one migration, in order.
 *
 * @param strategy the recommended strategy for the migration as a whole (the first non-trivial one)
 */
public record Plan(String strategy, List<Phase> phases) {
    public Plan {
        Objects.requireNonNull(strategy, "strategy");
        phases = List.copyOf(phases);
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).index() != i) {
                throw new IllegalArgumentException("phase " + phases.get(i).id() + " has index " + phases.get(i).index() + ", expected " + i);
            }
        }
    }
}

package dev.zdm.planner.strategy;

import java.util.List;
import java.util.Optional;

/**
 * Every strategy, in the order they claim statements: the most specific patterns first, so that a
 * blue-green restructure claims its own renames and drops before dual-write or expand-contract
 * would, and {@code direct} last, taking whatever is left.
 */
public final class Strategies {
    public static final List<Strategy> ALL = List.of(
            new BlueGreenStrategy(),
            new FeatureFlagStrategy(),
            new NotNullColumnStrategy(),
            new DualWriteStrategy(),
            new ExpandContractStrategy(),
            new ConstraintNotValidStrategy(),
            new UniqueConstraintStrategy(),
            new ProgressiveStrategy(),
            new DirectStrategy());

    private Strategies() {
    }

    /** The strategy named {@code name}. */
    public static Optional<Strategy> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

package dev.zdm.monitor.breaker;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of feeding one decision to a breaker.
 *
 * @param next       the breaker's state afterwards (equal to the input when nothing changed)
 * @param transition the state change, when the state changed
 */
public record BreakerStep(BreakerSnapshot next, Optional<Transition> transition) {

    public BreakerStep {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(transition, "transition");
    }
}

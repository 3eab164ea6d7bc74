package dev.zdm.monitor.breaker;

import java.util.List;

/**
 * What one sampling round did.
 *
 * @param targets     one outcome per target, in the order the targets were given
 * @param executor    the decision fed to {@link BreakerNames#MIGRATION_EXECUTOR}: the worst target's
 * @param transitions every breaker state change of the round, to publish on {@code zdm.breaker}
 */
public record RoundResult(List<TargetOutcome> targets, Decision executor, List<Transition> transitions) {

    public RoundResult {
        targets = List.copyOf(targets);
        transitions = List.copyOf(transitions);
    }
}

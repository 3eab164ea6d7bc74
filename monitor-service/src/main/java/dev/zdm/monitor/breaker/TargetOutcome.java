package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.Readings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one round found on one target.
 *
 * @param target    the target's name
 * @param readings  the sample, empty when sampling failed (the decision then says why)
 * @param decision  the policy's decision for the target's breaker
 * @param guard     what the guard found (zdm sessions the application waits behind)
 * @param cancelled the zdm sessions whose statement was cancelled this round; never an application session
 * @param cancelFailures one line per cancel that could not be sent (permission denied, connection
 *                  lost), for the caller to log; a session that was gone is not a failure
 */
public record TargetOutcome(String target, Optional<Readings> readings, Decision decision, GuardDecision guard,
                            List<ZdmBlocker> cancelled, List<String> cancelFailures) {

    public TargetOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(guard, "guard");
        cancelled = List.copyOf(cancelled);
        cancelFailures = List.copyOf(cancelFailures);
    }
}

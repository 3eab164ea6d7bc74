package dev.zdm.monitor.breaker;

import dev.zdm.monitor.breaker.check.Check;
import dev.zdm.monitor.breaker.check.ConnectionUseCheck;
import dev.zdm.monitor.breaker.check.LockWaitCheck;
import dev.zdm.monitor.breaker.check.Measurement;
import dev.zdm.monitor.breaker.check.OldestTransactionCheck;
import dev.zdm.monitor.breaker.check.ReplicaBytesCheck;
import dev.zdm.monitor.breaker.check.ReplicaLagCheck;
import dev.zdm.monitor.breaker.check.RetainedWalCheck;
import dev.zdm.monitor.probe.Readings;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns one target's readings into one {@link Decision}: unhealthy when any check's reading is
 * above its threshold (the most severe one is named), healthy otherwise (naming the reading
 * closest to its threshold). Pure, stateless and thread-safe: the same readings always give the
 * same decision.
 */
public final class BreakerPolicy {
    private final List<Check> checks;
    private final Guard guard;

    public BreakerPolicy(BreakerThresholds thresholds, GuardConfig guard) {
        Objects.requireNonNull(thresholds, "thresholds");
        this.guard = new Guard(Objects.requireNonNull(guard, "guard"));
        this.checks = List.of(
                new LockWaitCheck(thresholds.lockWaitMs()),
                new ReplicaLagCheck(thresholds.replicaLagMs()),
                new ReplicaBytesCheck(thresholds.replicaLagBytes()),
                new RetainedWalCheck(thresholds.retainedWalBytes()),
                new OldestTransactionCheck(thresholds.oldestTransactionMs()),
                new ConnectionUseCheck(thresholds.connectionUseRatio()));
    }

    public BreakerPolicy(BreakerConfig config) {
        this(config.thresholds(), config.guard());
    }

    /** The decision for the target's breaker. */
    public Decision decide(Readings readings) {
        GuardDecision guarded = guard(readings);
        List<Measurement> measured = checks.stream().map(c -> c.measure(readings)).flatMap(Optional::stream).toList();
        Optional<Measurement> worst = measured.stream().max(Comparator.comparingDouble(Measurement::severity));
        if (worst.isEmpty()) {
            return new Decision(true, "no check had anything to measure", Decision.NOTHING_MEASURED, 0, 0,
                    guarded.zdmIsBlocker());
        }
        Measurement m = worst.get();
        String reason = m.crossed() ? m.reason() : "within thresholds; closest: " + m.reason();
        return new Decision(!m.crossed(), reason + blockerNote(guarded), m.metric(), m.value(), m.threshold(),
                guarded.zdmIsBlocker());
    }

    /** What the guard finds in the readings: zdm sessions the application waits behind, and which to cancel. */
    public GuardDecision guard(Readings readings) {
        return guard.inspect(readings.locks());
    }

    private static String blockerNote(GuardDecision guarded) {
        if (!guarded.zdmIsBlocker()) {
            return "";
        }
        return "; the application waits behind zdm's own session(s) "
                + guarded.blockers().stream().map(b -> "pid " + b.pid() + " ('" + b.session().applicationName() + "')")
                .collect(Collectors.joining(", "));
    }
}

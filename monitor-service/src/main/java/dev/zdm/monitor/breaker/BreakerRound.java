package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.ProbeMetrics;
import dev.zdm.monitor.probe.Readings;
import dev.zdm.monitor.probe.TargetSampler;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One sampling round over every target, collecting apart from deciding: sample each target
 * (in parallel), record the readings as gauges, let the policy decide, move the target's breaker
 * ({@code target:<name>}) and {@link BreakerNames#MIGRATION_EXECUTOR} (on the worst target's
 * decision), and cancel zdm's own blocking statements where the guard says so.
 *
 * <p>A target that cannot be sampled counts as unhealthy ({@link Decision#probeFailed}). The round
 * fails only when the breakers cannot be read or saved. Threading: {@link #run()} never blocks; the
 * caller must not start a round before the previous one completed (chain rounds with a timer set
 * on completion rather than a fixed-rate periodic).
 */
public final class BreakerRound {
    private final List<TargetSampler> samplers;
    private final BreakerPolicy policy;
    private final BreakerBoard board;
    private final ProbeMetrics metrics;
    private final Map<String, ZdmCanceller> cancellers;

    /**
     * @param samplers   one per target
     * @param policy     the thresholds and guard
     * @param board      the breakers
     * @param metrics    where readings become gauges
     * @param cancellers by target name, the canceller of that target; only consulted when the guard
     *                   is configured to cancel, and a target without one is never cancelled on
     */
    public BreakerRound(List<TargetSampler> samplers, BreakerPolicy policy, BreakerBoard board, ProbeMetrics metrics,
                        Map<String, ZdmCanceller> cancellers) {
        this.samplers = List.copyOf(samplers);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.board = Objects.requireNonNull(board, "board");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.cancellers = Map.copyOf(cancellers);
        if (this.samplers.isEmpty()) {
            throw new IllegalArgumentException("a round needs at least one target");
        }
    }

    /** Runs one round. */
    public Future<RoundResult> run() {
        List<Future<TargetOutcome>> sampled = samplers.stream().map(this::sampleAndDecide).toList();
        return Future.all(sampled).compose(all -> {
            List<TargetOutcome> outcomes = sampled.stream().map(Future::result).toList();
            Decision executor = Decision.worst(outcomes.stream().map(TargetOutcome::decision).toList());
            return moveBreakers(outcomes, executor).map(transitions -> new RoundResult(outcomes, executor, transitions));
        });
    }

    private Future<TargetOutcome> sampleAndDecide(TargetSampler sampler) {
        String target = sampler.target();
        return sampler.sample()
                .compose(readings -> {
                    metrics.record(readings);
                    GuardDecision guard = policy.guard(readings);
                    Decision decision = policy.decide(readings);
                    return cancel(target, guard).map(c -> new TargetOutcome(target, Optional.of(readings), decision, guard,
                            c.cancelled(), c.failures()));
                }, error -> Future.succeededFuture(new TargetOutcome(target, Optional.<Readings>empty(),
                        Decision.probeFailed(error), GuardDecision.CLEAR, List.of(), List.of())));
    }

    private record Cancels(List<ZdmBlocker> cancelled, List<String> failures) {
    }

    private Future<Cancels> cancel(String target, GuardDecision guard) {
        ZdmCanceller canceller = cancellers.get(target);
        if (canceller == null || guard.toCancel().isEmpty()) {
            return Future.succeededFuture(new Cancels(List.of(), List.of()));
        }
        List<Future<Boolean>> sent = guard.toCancel().stream().map(canceller::cancel).toList();
        return Future.join(sent).transform(ignored -> {
            List<ZdmBlocker> cancelled = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                ZdmBlocker blocker = guard.toCancel().get(i);
                if (sent.get(i).failed()) {
                    failures.add("cancelling zdm session pid " + blocker.pid() + " on target '" + target + "' failed: "
                            + sent.get(i).cause().getMessage());
                } else if (sent.get(i).result()) {
                    cancelled.add(blocker);
                }
            }
            return Future.succeededFuture(new Cancels(cancelled, failures));
        });
    }

    private Future<List<Transition>> moveBreakers(List<TargetOutcome> outcomes, Decision executor) {
        List<Future<Optional<Transition>>> moved = new ArrayList<>();
        for (TargetOutcome outcome : outcomes) {
            moved.add(board.observe(BreakerNames.target(outcome.target()), outcome.target(), outcome.decision()));
        }
        moved.add(board.observe(BreakerNames.MIGRATION_EXECUTOR, BreakerNames.ALL_TARGETS, executor));
        return Future.all(moved).map(all -> moved.stream().map(Future::result).flatMap(Optional::stream).toList());
    }
}

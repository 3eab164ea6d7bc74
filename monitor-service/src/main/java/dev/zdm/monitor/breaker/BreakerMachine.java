package dev.zdm.monitor.breaker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The breaker state machine, pure: the same snapshot, decision and time always give the same step.
 *
 * <ul>
 *   <li>closed: an unhealthy decision counts a failure, N consecutive failures open it; a healthy
 *       one clears the count;</li>
 *   <li>open: stays open until the cool-down (from {@code openedAt}) has passed <em>and</em> a
 *       sample is healthy, then goes half-open. A still-unhealthy database keeps it open rather than
 *       letting the pipeline resume into it;</li>
 *   <li>half-open (the pipeline runs again on trial): M consecutive healthy samples close it; one
 *       unhealthy sample opens it again and restarts the cool-down.</li>
 * </ul>
 *
 * <p>Time is whatever the caller passes as {@code now} (a clock it owns), so tests drive cool-downs
 * without waiting.
 */
public final class BreakerMachine {
    private final BreakerTiming timing;

    public BreakerMachine(BreakerTiming timing) {
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** Feeds one sample's decision to the breaker {@code current}. */
    public BreakerStep apply(BreakerSnapshot current, Decision decision, Instant now) {
        return switch (current.state()) {
            case CLOSED -> decision.healthy() ? closedHealthy(current, now) : closedUnhealthy(current, decision, now);
            case OPEN -> decision.healthy() ? openHealthy(current, decision, now) : stillUnhealthy(current, decision, now);
            case HALF_OPEN -> decision.healthy() ? halfOpenHealthy(current, decision, now) : reopen(current, decision, now);
        };
    }

    /** An operator's reset: closed with no counts, whatever the state was; always a transition. */
    public static BreakerStep reset(BreakerSnapshot current, String reason, Instant now) {
        BreakerSnapshot next = new BreakerSnapshot(current.name(), current.target(), BreakerState.CLOSED, 0, 0, null, now, reason);
        return new BreakerStep(next, Optional.of(new Transition(current.name(), current.target(), current.state(),
                BreakerState.CLOSED, reason, null, null, null, 0, false, now)));
    }

    private BreakerStep closedHealthy(BreakerSnapshot current, Instant now) {
        if (current.failureCount() == 0) {
            return unchanged(current);
        }
        return unchanged(with(current, BreakerState.CLOSED, 0, 0, null, current.lastReason(), now));
    }

    private BreakerStep closedUnhealthy(BreakerSnapshot current, Decision decision, Instant now) {
        int failures = current.failureCount() + 1;
        if (failures < timing.samplesToOpen()) {
            return unchanged(with(current, BreakerState.CLOSED, failures, 0, null, decision.reason(), now));
        }
        String reason = decision.reason() + " (" + failures + " consecutive unhealthy samples)";
        return moved(current, with(current, BreakerState.OPEN, failures, 0, now, reason, now), decision, now);
    }

    private BreakerStep openHealthy(BreakerSnapshot current, Decision decision, Instant now) {
        Instant opened = current.openedAt() == null ? current.updatedAt() : current.openedAt();
        if (now.isBefore(opened.plus(timing.coolDown()))) {
            return current.failureCount() == 0
                    ? unchanged(current)
                    : unchanged(with(current, BreakerState.OPEN, 0, 0, current.openedAt(), current.lastReason(), now));
        }
        String reason = "cool-down of " + timing.coolDown().toMillis() + " ms passed and " + decision.reason();
        return moved(current, with(current, BreakerState.HALF_OPEN, 0, 0, current.openedAt(), reason, now), decision, now);
    }

    private BreakerStep stillUnhealthy(BreakerSnapshot current, Decision decision, Instant now) {
        return unchanged(with(current, BreakerState.OPEN, current.failureCount() + 1, 0, current.openedAt(),
                decision.reason(), now));
    }

    private BreakerStep halfOpenHealthy(BreakerSnapshot current, Decision decision, Instant now) {
        int successes = current.successCount() + 1;
        if (successes < timing.samplesToClose()) {
            return unchanged(with(current, BreakerState.HALF_OPEN, 0, successes, current.openedAt(), current.lastReason(), now));
        }
        String reason = successes + " healthy samples in half-open; " + decision.reason();
        return moved(current, with(current, BreakerState.CLOSED, 0, 0, null, reason, now), decision, now);
    }

    private BreakerStep reopen(BreakerSnapshot current, Decision decision, Instant now) {
        int failures = current.failureCount() + 1;
        String reason = "unhealthy again while half-open: " + decision.reason();
        return moved(current, with(current, BreakerState.OPEN, failures, 0, now, reason, now), decision, now);
    }

    private static BreakerSnapshot with(BreakerSnapshot s, BreakerState state, int failures, int successes,
                                        Instant openedAt, String reason, Instant now) {
        return new BreakerSnapshot(s.name(), s.target(), state, failures, successes, openedAt, now, reason);
    }

    private static BreakerStep unchanged(BreakerSnapshot next) {
        return new BreakerStep(next, Optional.empty());
    }

    private static BreakerStep moved(BreakerSnapshot from, BreakerSnapshot to, Decision decision, Instant now) {
        return new BreakerStep(to, Optional.of(new Transition(to.name(), to.target(), from.state(), to.state(),
                to.lastReason(), decision.metric(), decision.value(), decision.threshold(), to.failureCount(),
                decision.zdmIsBlocker(), now)));
    }
}

package dev.zdm.monitor.breaker;

import java.util.List;

/**
 * What the guard found: whether zdm's own sessions are what the application waits behind (for
 * longer than the guard threshold), and which of them to cancel.
 *
 * @param zdmIsBlocker true when at least one application session has waited longer than the
 *                     threshold behind a zdm session
 * @param blockers     those zdm sessions, one entry per zdm pid, longest application wait first;
 *                     never null
 * @param toCancel     the zdm sessions to cancel: {@code blockers} when cancelling is configured,
 *                     else empty; never an application session (see {@link ZdmBlocker})
 */
public record GuardDecision(boolean zdmIsBlocker, List<ZdmBlocker> blockers, List<ZdmBlocker> toCancel) {
    public static final GuardDecision CLEAR = new GuardDecision(false, List.of(), List.of());

    public GuardDecision {
        blockers = List.copyOf(blockers);
        toCancel = List.copyOf(toCancel);
    }
}

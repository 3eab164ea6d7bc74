package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.LockWait;
import dev.zdm.monitor.probe.LockWaitReading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the application from zdm itself: finds application sessions that have waited longer
 * than {@link GuardConfig#zdmBlockerWaitMs()} behind one of zdm's own sessions (its DDL queued for
 * a lock, or a batch holding row locks), and, when {@link GuardConfig#cancelZdmBlockers()} is set,
 * names those zdm sessions to cancel. Pure and stateless.
 *
 * <p>The rule "only ever zdm's sessions" holds by construction: the names it returns are
 * {@link ZdmBlocker}s, which exist only for zdm sessions blocking application sessions.
 */
public final class Guard {
    private final GuardConfig config;

    public Guard(GuardConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public GuardDecision inspect(LockWaitReading locks) {
        List<ZdmBlocker> blockers = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (LockWait wait : locks.applicationWaitsBehindZdm()) {
            if (wait.waitMs() <= config.zdmBlockerWaitMs()) {
                continue;
            }
            wait.blockers().stream()
                    .map(blocker -> ZdmBlocker.of(blocker, wait))
                    .flatMap(Optional::stream)
                    .filter(blocker -> seen.add(blocker.pid()))
                    .forEach(blockers::add);
        }
        if (blockers.isEmpty()) {
            return GuardDecision.CLEAR;
        }
        return new GuardDecision(true, blockers, config.cancelZdmBlockers() ? blockers : List.of());
    }
}

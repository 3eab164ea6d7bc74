package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.LockWait;
import dev.zdm.monitor.probe.Readings;

import java.util.Optional;
import java.util.stream.Collectors;

/** The longest lock wait of any session, zdm's or the application's, against {@code lockWaitMs}. */
public final class LockWaitCheck implements Check {
    public static final String METRIC = "lock_wait_ms";
    private final long thresholdMs;

    public LockWaitCheck(long thresholdMs) {
        this.thresholdMs = thresholdMs;
    }

    @Override
    public Optional<Measurement> measure(Readings readings) {
        if (thresholdMs <= 0) {
            return Optional.empty();
        }
        return Optional.of(readings.locks().longest()
                .map(w -> new Measurement(METRIC, "longest lock wait", "ms", w.waitMs(), thresholdMs, detail(w)))
                .orElseGet(() -> new Measurement(METRIC, "longest lock wait", "ms", 0, thresholdMs, "")));
    }

    private static String detail(LockWait wait) {
        String blockers = wait.blockers().isEmpty()
                ? "a session that has just finished"
                : wait.blockers().stream().map(s -> Sessions.describe(s, true)).collect(Collectors.joining(", "));
        return Sessions.describe(wait.waiter(), false) + " waiting for a " + wait.waitEvent() + " lock behind " + blockers;
    }
}

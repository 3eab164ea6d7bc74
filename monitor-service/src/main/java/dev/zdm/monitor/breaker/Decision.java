package dev.zdm.monitor.breaker;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * What the policy concluded from one sample for one breaker, with its reason. For an unhealthy
 * decision {@code metric}, {@code value} and {@code threshold} name the reading that crossed its
 * threshold (the worst one when several did); for a healthy one, the reading closest to its
 * threshold.
 *
 * @param healthy      false when a threshold was crossed or the target could not be read
 * @param reason       a sentence for people (event, log line); never null
 * @param metric       a stable, low-cardinality metric key such as {@code lock_wait_ms}, fit for a
 *                     metric tag; never null
 * @param value        the reading
 * @param threshold    the threshold it was compared with
 * @param zdmIsBlocker true when an application session has waited behind one of zdm's own
 *                     sessions for longer than the guard's threshold
 */
public record Decision(boolean healthy, String reason, String metric, double value, double threshold,
                       boolean zdmIsBlocker) {
    /** Metric key of a decision made because the probes failed. */
    public static final String PROBE_ERROR = "probe_error";
    /** Metric key of a healthy decision when no check had anything to measure. */
    public static final String NOTHING_MEASURED = "none";

    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(metric, "metric");
    }

    /** The target could not be sampled: a database that does not answer is not healthy. */
    public static Decision probeFailed(Throwable error) {
        return new Decision(false, "sampling the target failed: " + error.getMessage(), PROBE_ERROR, 1, 0, false);
    }

    /** How far past (above 1) or short of (below 1) its threshold the reading is. */
    public double severity() {
        return threshold <= 0 ? (healthy ? 0 : Double.POSITIVE_INFINITY) : value / threshold;
    }

    /**
     * The worst of several decisions (for a breaker such as {@code migration_executor} that
     * guards every target): the most severe unhealthy one, else the healthy one closest to its
     * threshold; {@code zdmIsBlocker} is true when it is in any of them.
     */
    public static Decision worst(Collection<Decision> decisions) {
        if (decisions.isEmpty()) {
            throw new IllegalArgumentException("worst() needs at least one decision");
        }
        Decision worst = decisions.stream()
                .max(Comparator.comparing((Decision d) -> !d.healthy()).thenComparingDouble(Decision::severity))
                .orElseThrow();
        boolean zdmIsBlocker = decisions.stream().anyMatch(Decision::zdmIsBlocker);
        return new Decision(worst.healthy, worst.reason, worst.metric, worst.value, worst.threshold, zdmIsBlocker);
    }
}

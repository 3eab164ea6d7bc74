package dev.zdm.monitor.breaker.check;

import java.util.Locale;
import java.util.Objects;

/**
 * One reading against its threshold.
 *
 * @param metric    a stable metric key, such as {@code lock_wait_ms}
 * @param label     what was measured, for people: {@code longest lock wait}
 * @param unit      the unit, for people: {@code ms}, {@code bytes}, or empty
 * @param value     the reading
 * @param threshold the threshold, above 0
 * @param detail    which session, replica or slot, and what it runs; may be empty, never null
 */
public record Measurement(String metric, String label, String unit, double value, double threshold, String detail) {

    public Measurement {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(detail, "detail");
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be above 0, was " + threshold);
        }
    }

    /** True when the reading is strictly above its threshold. */
    public boolean crossed() {
        return value > threshold;
    }

    /** value / threshold: above 1 when crossed. */
    public double severity() {
        return value / threshold;
    }

    /** For example {@code longest lock wait 6200 ms > 2000 ms: pid 42 ('app') behind pid 7 ('zdm-executor')}. */
    public String reason() {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        return label + " " + format(value) + suffix + (crossed() ? " > " : " <= ") + format(threshold) + suffix
                + (detail.isEmpty() ? "" : ": " + detail);
    }

    private static String format(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number)
                : String.format(Locale.ROOT, "%.2f", number);
    }
}

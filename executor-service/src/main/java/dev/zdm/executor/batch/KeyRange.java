package dev.zdm.executor.batch;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys a backfill covers, bounded when it first started: {@code [min, max]} of the key column at
 * that moment. Rows the application inserts later with keys above {@code max} are left to the sync
 * or a final pass. Keys are carried as text (their PostgreSQL output form).
 *
 * @param min the smallest key when the backfill first started
 * @param max the largest key when the backfill first started
 */
public record KeyRange(String min, String max) {
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    public KeyRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /**
     * The last key of the first {@code percent}% of the range, by arithmetic on numeric keys:
     * {@code min + (max - min) * percent / 100}, rounded down to a whole number for integer keys.
     * Empty when the keys are not decimal numbers (text, uuid, NaN): the caller asks the database
     * for a percentile instead.
     */
    public Optional<String> numericEnd(int percent) {
        if (percent < 1 || percent > 100) throw new IllegalArgumentException("percent must be within 1..100, was " + percent);
        if (percent == 100) return Optional.of(max);
        Optional<BigDecimal> lo = decimal(min);
        Optional<BigDecimal> hi = decimal(max);
        if (lo.isEmpty() || hi.isEmpty()) return Optional.empty();
        BigDecimal span = hi.get().subtract(lo.get()).multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), MathContext.DECIMAL128);
        BigDecimal end = lo.get().add(span);
        if (isInteger(min) && isInteger(max)) end = end.setScale(0, RoundingMode.FLOOR);
        return Optional.of(end.stripTrailingZeros().toPlainString());
    }

    /**
     * How far {@code key} is through {@code [min, end]}, 0..1, for numeric keys; empty otherwise.
     * Used for ETA; never for correctness.
     */
    public Optional<Double> fraction(String key, String end) {
        if (key == null) return Optional.of(0.0);
        Optional<BigDecimal> lo = decimal(min);
        Optional<BigDecimal> hi = decimal(end);
        Optional<BigDecimal> at = decimal(key);
        if (lo.isEmpty() || hi.isEmpty() || at.isEmpty()) return Optional.empty();
        BigDecimal span = hi.get().subtract(lo.get());
        if (span.signum() <= 0) return Optional.of(1.0);
        double f = at.get().subtract(lo.get()).divide(span, MathContext.DECIMAL64).doubleValue();
        return Optional.of(Math.max(0, Math.min(1, f)));
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException notNumeric) {
            return Optional.empty();
        }
    }

    private static boolean isInteger(String text) {
        return INTEGER.matcher(text).matches();
    }
}

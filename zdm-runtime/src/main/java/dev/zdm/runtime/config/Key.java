package dev.zdm.runtime.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration key, declared once.
 *
 * @param name         dotted name, e.g. {@code executor.lockTimeoutMs}; the environment variable is
 *                     {@code ZDM_} + the name upper-cased with dots as underscores
 * @param defaultValue null when the key is required
 * @param parse        text to value; throws on malformed text
 * @param valid        the rule a value must meet, described by {@code rule}
 */
public record Key<T>(String name, String doc, T defaultValue, Function<String, T> parse, Predicate<T> valid, String rule) {
    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parse, "parse");
        valid = valid == null ? v -> true : valid;
    }

    public static Key<String> string(String name, String defaultValue, String doc) {
        return new Key<>(name, doc, defaultValue, s -> s, s -> !s.isBlank(), "must not be blank");
    }

    public static Key<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new Key<>(name, doc, defaultValue, Integer::parseInt, v -> v >= min && v <= max,
                "must be an integer within " + min + ".." + max);
    }

    public static Key<Long> millis(String name, long defaultValue, long min, long max, String doc) {
        return new Key<>(name, doc, defaultValue, Long::parseLong, v -> v >= min && v <= max,
                "must be a number of milliseconds within " + min + ".." + max);
    }

    public static Key<Double> decimal(String name, double defaultValue, double min, double max, String doc) {
        return new Key<>(name, doc, defaultValue, Double::parseDouble, v -> v >= min && v <= max,
                "must be a number within " + min + ".." + max);
    }

    public static Key<Boolean> flag(String name, boolean defaultValue, String doc) {
        return new Key<>(name, doc, defaultValue, Key::parseBoolean, v -> true, "must be true or false");
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** The environment variable that overrides this key. */
    public String envName() {
        return Settings.envName(name);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }
}

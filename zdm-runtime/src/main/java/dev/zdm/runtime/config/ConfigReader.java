package dev.zdm.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values from {@link Settings}, collecting every problem instead of stopping at the first;
 * {@link #finish} throws them all at once. Not thread-safe; use at start-up.
 */
public final class ConfigReader {
    private final Settings settings;
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(Settings settings) {
        this.settings = settings;
    }

    /** The value of {@code key}, or its default; a problem is recorded (and the default returned) when it is bad. */
    public <T> T get(Key<T> key) {
        String text = settings.get(key.name());
        if (text == null || text.isEmpty()) {
            if (key.required()) problems.add(key.name() + " is required (" + key.doc() + "); set it or " + key.envName());
            return key.defaultValue();
        }
        try {
            T value = key.parse().apply(text);
            if (!key.valid().test(value)) {
                problems.add(key.name() + "=" + text + " " + key.rule());
                return key.defaultValue();
            }
            return value;
        } catch (RuntimeException e) {
            problems.add(key.name() + "=" + text + " " + key.rule());
            return key.defaultValue();
        }
    }

    /** Records a problem found by a caller's own check. */
    public void problem(String message) {
        problems.add(message);
    }

    /**
     * Reports every key that no declared key or pattern knows, then throws all problems if there are any.
     *
     * @param known    every key the process reads
     * @param prefixes key prefixes read by pattern (e.g. {@code targets.})
     */
    public void finish(Collection<Key<?>> known, Set<String> prefixes) {
        Set<String> names = new TreeSet<>();
        known.forEach(k -> names.add(k.name()));
        for (String key : new TreeSet<>(settings.values().keySet())) {
            if (names.contains(key) || prefixes.stream().anyMatch(key::startsWith)) continue;
            problems.add("unknown key " + key + nearest(key, names));
        }
        if (!problems.isEmpty()) throw new ConfigException(settings.source(), problems);
    }

    private static String nearest(String key, Set<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = distance(key.toLowerCase(), name.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

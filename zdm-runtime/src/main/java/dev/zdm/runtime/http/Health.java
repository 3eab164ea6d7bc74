package dev.zdm.runtime.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Named liveness checks of a process's parts (consumers, pools...). A check says what is wrong, or
 * null when nothing is. Thread-safe.
 */
public final class Health {
    /** The state of a part that is up. */
    public static final String UP = "UP";

    private final Map<String, Supplier<String>> checks = new ConcurrentHashMap<>();

    /** A check that is up or down, without a reason. */
    public void register(String name, BooleanSupplier check) {
        checks.put(name, () -> check.getAsBoolean() ? null : "DOWN");
    }

    /** A check that says what is wrong (e.g. which event a consumer is stuck on), or null when up. */
    public void registerProblem(String name, Supplier<String> problem) {
        checks.put(name, problem);
    }

    public void unregister(String name) {
        checks.remove(name);
    }

    /** Each check's state by name: {@link #UP}, or {@code DOWN} with what is wrong; a check that throws is down. */
    public Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        checks.forEach((name, check) -> {
            String problem;
            try {
                problem = check.get();
            } catch (RuntimeException e) {
                problem = "check failed: " + e.getMessage();
            }
            out.put(name, problem == null ? UP : problem.equals("DOWN") ? "DOWN" : "DOWN: " + problem);
        });
        return out;
    }

    public boolean up() {
        return snapshot().values().stream().allMatch(UP::equals);
    }
}

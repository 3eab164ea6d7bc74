package dev.zdm.runtime.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** Named liveness checks of a process's parts (consumers, pools...). Thread-safe. */
public final class Health {
    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

    public void register(String name, BooleanSupplier check) {
        checks.put(name, check);
    }

    public void unregister(String name) {
        checks.remove(name);
    }

    /** Each check's state, by name; a check that throws is down. */
    public Map<String, Boolean> snapshot() {
        Map<String, Boolean> out = new TreeMap<>();
        checks.forEach((name, check) -> {
            boolean up;
            try {
                up = check.getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            out.put(name, up);
        });
        return out;
    }

    public boolean up() {
        return snapshot().values().stream().allMatch(Boolean::booleanValue);
    }
}

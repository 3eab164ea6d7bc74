package dev.zdm.runtime;

import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;

/**
 * One zdm service as a process can host it: its configuration keys and how to build it. A process runs
 * one service (its own main) or all four (the {@code zdm} command).
 */
public interface ServiceFactory {
    /** Short name: {@code planner}, {@code executor}, {@code sync}, {@code monitor}. */
    String name();

    /** The service's own keys (the common ones are read by the process). */
    List<Key<?>> keys();

    /**
     * Reads the service's config record, recording every problem in {@code reader} rather than throwing;
     * returns how to build the service once the platform is up.
     */
    Function<Platform, Deployable> configure(ConfigReader reader, Settings settings);
}

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

    /**
     * A service from its parts: {@code read} builds the config record (recording problems in the reader),
     * {@code create} builds the service on the platform from it.
     */
    static <C> ServiceFactory of(String name, List<Key<?>> keys, Function<ConfigReader, C> read,
                                 java.util.function.BiFunction<Platform, C, Deployable> create) {
        return new ServiceFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Key<?>> keys() {
                return keys;
            }

            @Override
            public Function<Platform, Deployable> configure(ConfigReader reader, Settings settings) {
                C config = read.apply(reader);
                return platform -> create.apply(platform, config);
            }
        };
    }
}

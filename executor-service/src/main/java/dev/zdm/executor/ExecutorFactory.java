package dev.zdm.executor;

import dev.zdm.executor.messaging.ExecutorVerticle;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;

/** The executor as a service of a zdm process; {@link #main} runs it alone. */
public final class ExecutorFactory implements ServiceFactory {
    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<Key<?>> keys() {
        return ExecutorConfig.KEYS;
    }

    @Override
    public Function<Platform, Deployable> configure(ConfigReader reader, Settings settings) {
        ExecutorConfig config = ExecutorConfig.read(reader);
        return platform -> new ExecutorVerticle(platform, config);
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(new ExecutorFactory(), args);
    }
}

package dev.zdm.planner;

import dev.zdm.planner.messaging.PlannerVerticle;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;

/** The planner as a service of a zdm process; {@link #main} runs it alone. */
public final class PlannerFactory implements ServiceFactory {
    @Override
    public String name() {
        return "planner";
    }

    @Override
    public List<Key<?>> keys() {
        return PlannerConfig.KEYS;
    }

    @Override
    public Function<Platform, Deployable> configure(ConfigReader reader, Settings settings) {
        PlannerConfig config = PlannerConfig.read(reader);
        return platform -> new PlannerVerticle(platform, config, config.planningFunction());
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(new PlannerFactory(), args);
    }
}

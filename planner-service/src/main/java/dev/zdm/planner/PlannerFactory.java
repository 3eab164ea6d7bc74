package dev.zdm.planner;

import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.planner.messaging.PlannerVerticle;

/** The planner as a service of a zdm process; {@link #main} runs it alone. */
public final class PlannerFactory {
    private PlannerFactory() {
    }

    public static ServiceFactory service() {
        return ServiceFactory.of("planner", PlannerConfig.KEYS, PlannerConfig::read, (platform, config) -> new PlannerVerticle(platform, config, config.planningFunction()));
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(service(), args);
    }
}

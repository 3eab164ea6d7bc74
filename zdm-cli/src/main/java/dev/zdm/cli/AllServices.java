package dev.zdm.cli;

import dev.zdm.executor.ExecutorFactory;
import dev.zdm.monitor.MonitorFactory;
import dev.zdm.planner.PlannerFactory;
import dev.zdm.runtime.ServiceFactory;
import dev.zdm.sync.SyncFactory;
import java.util.List;

/** The four services, in start order. */
public final class AllServices {
    private AllServices() {
    }

    public static List<ServiceFactory> factories() {
        return List.of(PlannerFactory.service(), ExecutorFactory.service(), SyncFactory.service(), MonitorFactory.service());
    }
}

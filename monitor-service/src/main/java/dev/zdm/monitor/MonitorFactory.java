package dev.zdm.monitor;

import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.monitor.messaging.MonitorVerticle;

/** The monitor as a service of a zdm process; {@link #main} runs it alone. */
public final class MonitorFactory {
    private MonitorFactory() {
    }

    public static ServiceFactory service() {
        return ServiceFactory.of("monitor", MonitorConfig.KEYS, MonitorConfig::read, MonitorVerticle::new);
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(service(), args);
    }
}

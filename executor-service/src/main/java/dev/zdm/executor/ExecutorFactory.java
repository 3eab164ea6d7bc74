package dev.zdm.executor;

import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.executor.messaging.ExecutorVerticle;

/** The executor as a service of a zdm process; {@link #main} runs it alone. */
public final class ExecutorFactory {
    private ExecutorFactory() {
    }

    public static ServiceFactory service() {
        return ServiceFactory.of("executor", ExecutorConfig.KEYS, ExecutorConfig::read, ExecutorVerticle::new);
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(service(), args);
    }
}

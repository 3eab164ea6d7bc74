package dev.zdm.sync;

import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.sync.messaging.SyncVerticle;

/** The sync service as a service of a zdm process; {@link #main} runs it alone. */
public final class SyncFactory {
    private SyncFactory() {
    }

    public static ServiceFactory service() {
        return ServiceFactory.of("sync", SyncConfig.KEYS, SyncConfig::read, SyncVerticle::new);
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(service(), args);
    }
}

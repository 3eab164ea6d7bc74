package dev.zdm.sync;

import dev.zdm.runtime.Platform;
import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import dev.zdm.sync.messaging.SyncVerticle;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;

/** The sync service as a service of a zdm process; {@link #main} runs it alone. */
public final class SyncFactory implements ServiceFactory {
    @Override
    public String name() {
        return "sync";
    }

    @Override
    public List<Key<?>> keys() {
        return SyncConfig.KEYS;
    }

    @Override
    public Function<Platform, Deployable> configure(ConfigReader reader, Settings settings) {
        SyncConfig config = SyncConfig.read(reader);
        return platform -> new SyncVerticle(platform, config);
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(new SyncFactory(), args);
    }
}

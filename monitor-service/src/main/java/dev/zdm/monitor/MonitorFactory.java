package dev.zdm.monitor;

import dev.zdm.monitor.messaging.MonitorVerticle;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.ServiceFactory;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;

/** The monitor as a service of a zdm process; {@link #main} runs it alone. */
public final class MonitorFactory implements ServiceFactory {
    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public List<Key<?>> keys() {
        return MonitorConfig.KEYS;
    }

    @Override
    public Function<Platform, Deployable> configure(ConfigReader reader, Settings settings) {
        MonitorConfig config = MonitorConfig.read(reader);
        return platform -> new MonitorVerticle(platform, config);
    }

    public static void main(String[] args) {
        ZdmProcess.runMain(new MonitorFactory(), args);
    }
}

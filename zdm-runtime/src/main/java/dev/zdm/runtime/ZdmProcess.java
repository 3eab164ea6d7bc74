package dev.zdm.runtime;

import dev.zdm.runtime.config.CommonConfig;
import dev.zdm.runtime.config.ConfigKeys;
import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.http.Access;
import dev.zdm.runtime.http.HttpEndpoint;
import dev.zdm.runtime.http.IngestRoutes;
import dev.zdm.runtime.kafka.TopicAdmin;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running zdm process: one or more services on one {@link Platform}, with {@code /health} and
 * {@code /metrics}. Start-up validates the whole configuration first and reports every bad key at
 * once; {@link #close()} stops the services (consumers commit what is done), then the platform.
 */
public final class ZdmProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZdmProcess.class);
    private final Platform platform;
    private final HttpEndpoint http;
    private final Access access;
    private final List<String> deployments;
    private volatile boolean closed;

    private ZdmProcess(Platform platform, HttpEndpoint http, Access access, List<String> deployments) {
        this.platform = platform;
        this.http = http;
        this.access = access;
        this.deployments = deployments;
    }

    /** Starts {@code services} with {@code settings}; blocks until they are up (call from a plain thread). */
    public static ZdmProcess start(Settings settings, List<ServiceFactory> services) {
        ConfigReader reader = new ConfigReader(settings);
        CommonConfig common = CommonConfig.read(reader, settings);
        Map<String, Function<Platform, Deployable>> builders = new LinkedHashMap<>();
        List<Key<?>> known = new ArrayList<>(ConfigKeys.COMMON);
        for (ServiceFactory service : services) {
            builders.put(service.name(), service.configure(reader, settings));
            known.addAll(service.keys());
        }
        reader.finish(known, ConfigKeys.PATTERN_PREFIXES);

        long started = System.nanoTime();
        TopicAdmin.ensure(common.kafkaBootstrap(), common.topics().all(), common.partitions());
        Platform platform = Platform.start(common);
        try {
            List<String> ids = new ArrayList<>();
            for (var entry : builders.entrySet()) {
                ids.add(await(platform.vertx().deployVerticle(entry.getValue().apply(platform))));
                LOG.info("{} service started", entry.getKey());
            }
            Access access = new Access(common.tokens(), platform.registry(), common.metricsOpen());
            HttpEndpoint http = await(HttpEndpoint.start(platform.vertx(), common.httpHost(), common.httpPort(),
                    platform.health(), platform.registry(), access, router -> IngestRoutes.mount(router, platform.publisher(), common.topics(), access)));
            LOG.info("zdm {} up in {} ms: kafka {}, targets {}, http {}:{}, access {}", builders.keySet(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), common.kafkaBootstrap(),
                    common.targets().values().stream().map(t -> t.describe()).toList(), common.httpHost(), http.port(), access.describe());
            return new ZdmProcess(platform, http, access, ids);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Settings from {@code --config FILE} (or {@code ZDM_CONFIG}), the environment, and {@code --set key=value}
     * arguments, for a service's own main.
     */
    public static Settings settingsFromArgs(String[] args, Map<String, String> env, List<Key<?>> keys) {
        Path file = env.containsKey("ZDM_CONFIG") ? Path.of(env.get("ZDM_CONFIG")) : null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) file = Path.of(args[++i]);
            else if (args[i].equals("--set") && i + 1 < args.length) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("--set takes key=value, got " + kv);
                overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + " (use --config FILE and --set key=value)");
            }
        }
        return Settings.load(file, env, overrides, keys);
    }

    /** The standalone main of one service: start, log, wait for SIGTERM, stop gracefully. */
    public static void runMain(ServiceFactory service, String[] args) {
        try {
            ZdmProcess process = start(settingsFromArgs(args, System.getenv(), service.keys()), List.of(service));
            Runtime.getRuntime().addShutdownHook(new Thread(process::close, "zdm-shutdown"));
        } catch (RuntimeException e) {
            LOG.error("{} did not start: {}", service.name(), e.getMessage());
            System.exit(2);
        }
    }

    public Platform platform() {
        return platform;
    }

    public int httpPort() {
        return http.port();
    }

    /** How the HTTP endpoint admits callers, in words. */
    public String accessMode() {
        return access.describe();
    }

    /** Stops the services, HTTP, the producer and Vert.x; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        LOG.info("zdm stopping");
        for (int i = deployments.size() - 1; i >= 0; i--) {
            try {
                await(platform.vertx().undeploy(deployments.get(i)));
            } catch (RuntimeException e) {
                LOG.warn("undeploy failed: {}", e.toString());
            }
        }
        try {
            await(http.close());
        } catch (RuntimeException e) {
            LOG.warn("http close failed: {}", e.toString());
        }
        platform.close();
        LOG.info("zdm stopped");
    }

    /** Waits for a future from a plain (non-event-loop) thread. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out after 120 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.zdm.runtime.db;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.config.TargetConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One reactive pool per target database, created on first use. Thread-safe.
 */
public final class TargetPools implements AutoCloseable {
    private final Vertx vertx;
    private final Map<String, TargetConfig> targets;
    private final String applicationName;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, Future<Integer>> schemas = new ConcurrentHashMap<>();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();

    /** @param applicationName set as {@code application_name} on every connection, e.g. {@code zdm-executor} */
    public TargetPools(Vertx vertx, Map<String, TargetConfig> targets, String applicationName) {
        this.vertx = vertx;
        this.targets = Map.copyOf(targets);
        this.applicationName = applicationName;
    }

    /** The pool of target {@code name}; throws {@code UNKNOWN_TARGET} naming the configured ones when there is none. */
    public Pool pool(String name) {
        TargetConfig target = config(name);
        return pools.computeIfAbsent(name, n -> create(target));
    }

    /**
     * Completes once the target's control schema is at the latest version: set up once per target and
     * process, tried again on the next call after a failure.
     */
    public Future<Void> ready(String name) {
        Future<Integer> f = schemas.computeIfAbsent(name, n -> ControlSchema.ensure(pool(n))
                .onSuccess(v -> unavailable.remove(n))
                .onFailure(e -> unavailable.put(n, e.getMessage() == null ? e.toString() : e.getMessage())));
        if (f.failed()) {
            schemas.remove(name, f);
            return ready(name);
        }
        return f.<Void>mapEmpty().recover(e -> {
            ZdmException z = e instanceof ZdmException known ? known : null;
            return Future.failedFuture(new ZdmException(z != null ? z.code() : ErrorCode.CONNECTION_LOST, "target " + config(name).describe()
                    + " is not available: " + e.getMessage(), null, z != null ? z.sqlState() : null, e));
        });
    }

    /** True unless the last attempt to reach target {@code name} failed; for health checks. */
    public boolean available(String name) {
        return !unavailable.containsKey(name);
    }

    public TargetConfig config(String name) {
        TargetConfig target = targets.get(name);
        if (target == null) {
            throw new ZdmException(ErrorCode.UNKNOWN_TARGET, "target '" + name + "' is not configured; configured targets: "
                    + (targets.isEmpty() ? "none" : String.join(", ", targets.keySet())) + " (set targets." + name + ".url)");
        }
        return target;
    }

    public boolean knows(String name) {
        return targets.containsKey(name);
    }

    public Map<String, TargetConfig> targets() {
        return targets;
    }

    /** Connection options for {@code target}, named with this process's application name. */
    public PgConnectOptions connectOptions(TargetConfig target) {
        PgConnectOptions options = PgConnectOptions.fromUri(target.vertxUri());
        if (target.user() != null) options.setUser(target.user());
        if (target.password() != null) options.setPassword(target.password());
        options.setPipeliningLimit(1);
        options.addProperty("application_name", applicationName);
        options.addProperty("client_min_messages", "warning");
        return options;
    }

    private Pool create(TargetConfig target) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(target.poolSize()).setName(applicationName + "-" + target.name()).setShared(false))
                .connectingTo(connectOptions(target))
                .using(vertx)
                .build();
    }

    public Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        pools.values().forEach(p -> closing.add(p.close()));
        pools.clear();
        return Future.all(closing).mapEmpty();
    }

    @Override
    public void close() {
        closeAll();
    }
}

package dev.zdm.planner.orchestrate;

import dev.zdm.runtime.db.TargetPools;
import dev.zdm.runtime.serde.EventCodec;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The migration store of every configured target, each created with its control schema on first use,
 * and which target holds which migration.
 */
public final class Stores {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Stores.class);
    private final TargetPools pools;
    private final EventCodec codec;
    private final Map<String, MigrationStore> stores = new ConcurrentHashMap<>();
    private final Map<String, String> targetOf = new ConcurrentHashMap<>();

    public Stores(TargetPools pools, EventCodec codec) {
        this.pools = pools;
        this.codec = codec;
    }

    public boolean knows(String target) {
        return pools.knows(target);
    }

    public List<String> targetNames() {
        return List.copyOf(pools.targets().keySet());
    }

    /** The target's configuration. */
    public dev.zdm.runtime.config.TargetConfig config(String target) {
        return pools.config(target);
    }

    public MigrationStore store(String target) {
        return stores.computeIfAbsent(target, t -> new MigrationStore(pools.pool(t), codec));
    }

    /** The target's pool (for catalog reads). */
    public io.vertx.sqlclient.Pool pool(String target) {
        return pools.pool(target);
    }

    /** Completes once the target's control schema is at the latest version; retried after a failure. */
    public Future<Void> ready(String target) {
        return pools.ready(target);
    }

    void remember(String migrationId, String target) {
        targetOf.put(migrationId, target);
    }

    /** The migration wherever it is, or null when no target knows it. */
    public Future<MigrationState> find(String migrationId) {
        String target = targetOf.get(migrationId);
        if (target != null) return ready(target).compose(v -> store(target).load(migrationId));
        Future<MigrationState> chain = Future.succeededFuture(null);
        for (String t : targetNames()) {
            chain = chain.compose(found -> found != null ? Future.succeededFuture(found)
                    : ready(t).compose(v -> store(t).load(migrationId)));
        }
        return chain.onSuccess(s -> {
            if (s != null) remember(migrationId, s.target());
        });
    }

    /** Runs {@code action} on each target's store in turn; a target that cannot be reached is logged and left, the others go on. */
    public Future<Void> forEachTarget(Function<MigrationStore, Future<Void>> action) {
        Future<Void> chain = Future.succeededFuture();
        for (String t : targetNames()) {
            chain = chain.compose(v -> ready(t).compose(x -> action.apply(store(t))).recover(e -> {
                LOG.error("{}; the other targets go on", e.getMessage());
                return Future.succeededFuture();
            }));
        }
        return chain;
    }
}

package dev.zdm.monitor.probe;

import dev.zdm.infra.junit.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A Vert.x instance and reactive pools to the test database, closed together. */
public final class VertxPg implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final TestInfra infra;

    public VertxPg(TestInfra infra) {
        this.infra = infra;
    }

    /** A pool of {@code size} connections whose {@code application_name} is {@code applicationName}. */
    public Pool pool(String applicationName, int size) {
        return pool(infra.database(), applicationName, size);
    }

    /** A pool to another database of the same server (which need not exist). */
    public Pool pool(String database, String applicationName, int size) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(infra.pg().host())
                .setPort(infra.pg().port())
                .setDatabase(database)
                .setUser(infra.pg().user())
                .setPassword(infra.pg().password())
                .addProperty("application_name", applicationName);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
    }

    /** Waits (at most 15 s) for a future from the test thread. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}

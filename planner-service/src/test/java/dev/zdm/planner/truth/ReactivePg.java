package dev.zdm.planner.truth;

import dev.zdm.infra.junit.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A Vert.x instance with one reactive pool to the test class's database, closed together. */
final class ReactivePg implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Pool pool;
    private final PgConnectOptions options;

    ReactivePg(TestInfra infra, int size) {
        this(infra.pg().host(), infra.pg().port(), infra.database(), infra.pg().user(), infra.pg().password(), size);
    }

    ReactivePg(String host, int port, String database, String user, String password, int size) {
        options = new PgConnectOptions()
                .setHost(host)
                .setPort(port)
                .setDatabase(database)
                .setUser(user)
                .setPassword(password)
                .addProperty("application_name", "zdm-truth-it");
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
    }

    Pool pool() {
        return pool;
    }

    Vertx vertx() {
        return vertx;
    }

    /** How {@link #pool} connects. */
    PgConnectOptions options() {
        return options;
    }

    /** Runs {@code sql} (several statements allowed) in one round trip and waits for it. */
    RowSet<Row> sql(String sql) {
        return await(pool.query(sql).execute());
    }

    /** Waits (at most 30 s) for a future from the test thread; a failure is rethrown as is when unchecked. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
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

package dev.zdm.executor.batch;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The reactive pool backfills run on, its sessions named so the monitor and operators can tell them apart. */
public final class BackfillPool {
    /** {@code application_name} of every executor session; the monitor uses it to recognise zdm as a blocker. */
    public static final String APPLICATION_NAME = "zdm-executor";

    private BackfillPool() {
    }

    /**
     * A pool of at most {@code maxSize} connections to {@code connect} (copied, not modified) with
     * {@code application_name} {@value #APPLICATION_NAME}. The caller closes it.
     */
    public static Pool create(Vertx vertx, PgConnectOptions connect, int maxSize) {
        PgConnectOptions options = new PgConnectOptions(connect).addProperty("application_name", APPLICATION_NAME);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(maxSize)).connectingTo(options).using(vertx).build();
    }
}

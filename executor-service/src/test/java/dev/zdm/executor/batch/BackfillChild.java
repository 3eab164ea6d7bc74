package dev.zdm.executor.batch;

import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.gate.BreakerBoard;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * A separate executor process for {@link BackfillKillIT}: runs one slow backfill until it is
 * killed. Connection details come from the environment ({@code PGHOST}, {@code PGPORT},
 * {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}); the table, migration id and step come as
 * arguments.
 */
public final class BackfillChild {
    private BackfillChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        PgConnectOptions connect = new PgConnectOptions().setHost(System.getenv("PGHOST"))
                .setPort(Integer.parseInt(System.getenv("PGPORT"))).setDatabase(System.getenv("PGDATABASE"))
                .setUser(System.getenv("PGUSER")).setPassword(System.getenv("PGPASSWORD"));
        Vertx vertx = Vertx.vertx();
        BackfillRunner runner = new BackfillRunner(vertx, BackfillPool.create(vertx, connect, 2), new BreakerBoard(), BackfillRunnerIT.SLOW);
        Step.Backfill step = BackfillRunnerIT.touchEveryRow(args[0], new BatchOptions(500, 10, 0, 100));
        runner.start(new StepRef(args[1], "p1", args[2]), step, ProgressListener.NONE)
                .outcome().onComplete(done -> System.exit(done.succeeded() ? 0 : 3));
        System.out.println("started");
        Thread.currentThread().join();
    }
}

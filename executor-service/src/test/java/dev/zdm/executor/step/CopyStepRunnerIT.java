package dev.zdm.executor.step;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.sql.TableName;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.GrowingTable;
import dev.zdm.infra.load.Workload;
import dev.zdm.runtime.db.ControlSchema;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The blue-green copy step against a table that never stops getting inserts. */
@ExtendWith(ZdmInfraExtension.class)
class CopyStepRunnerIT {
    private static final int ROWS = 20_000;
    /** Application connections inserting as fast as they can: there is always a row newer than the last batch's. */
    private static final int INSERTERS = 4;

    @Test
    void ends_at_the_key_it_found_at_its_start_while_the_application_keeps_inserting(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE items_green (id bigint PRIMARY KEY, label text NOT NULL)");
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(new PgConnectOptions().setHost(infra.pg().host())
                .setPort(infra.pg().port()).setDatabase(infra.database()).setUser(infra.pg().user()).setPassword(infra.pg().password()))
                .using(vertx).build();
        try (GrowingTable items = new GrowingTable(db, ROWS, INSERTERS)) {
            ControlSchema.ensure(pool).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Workload app = items.start(100).app();

            Step.Copy step = new Step.Copy("p2.s2", TableName.of("items"), TableName.of("items_green"), List.of("id"), Map.of("id", "id", "label", "upper(name)"),
                    new BatchOptions(500, 0, 0, 100));
            Phase phase = new Phase("p2", 2, "sync-and-copy", "blue-green", PhaseKind.DB, List.of(step), List.of(), Optional.empty(), false);
            List<String> progress = new CopyOnWriteArrayList<>();
            StepContext ctx = new StepContext(vertx, pool, "it-copy", "main", phase, "FORWARD", Map.of(), new PhaseControl(), p -> {
                items.batchDone();
                progress.add(p.message());
            });
            long before = app.writes();
            // a copy that chased the newest key would go on while the inserts do (and copy the sync's rows as well)
            long copied = new CopyStepRunner(new Retrying(Backoff.DEFAULT), new BreakerBoard()).run(ctx, step)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(app.writes()).as("the application inserted while the copy ran").isGreaterThan(before);
            assertThat(app.errors()).as("application errors: " + app.firstError()).isZero();

            // rows committed after the copy started are the sync's to carry (not running here); the copy owes the rows
            // committed before: the table's first ROWS, and at least 100 inserts more
            assertThat(copied).isEqualTo(db.count("SELECT count(*) FROM items_green")).isGreaterThanOrEqualTo(ROWS + 100);
            assertThat(copied).as("rows copied, bounded by the end key read at the start").isLessThanOrEqualTo(items.mostRowsOwed());
            assertThat(items.seededRowsMissingFrom("items_green", "g.label = upper(s.name)"))
                    .as("rows of the table as it was missing from the target").isZero();
            assertThat(db.one("SELECT status FROM zdm.step_runs WHERE migration_id = 'it-copy' AND step_id = 'p2.s2'")).isEqualTo("COMPLETED");
            assertThat(progress).anyMatch(m -> m.startsWith("copy items -> items_green up to key"));
        } finally {
            pool.close();
            vertx.close();
        }
    }
}

package dev.zdm.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.sql.TableName;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog lookups behind "an undo removes only what the migration made", for every kind, on awkward names. */
@ExtendWith(ZdmInfraExtension.class)
class PreexistingIT {
    @Test
    void each_kind_of_object_is_found_exactly_by_schema_table_and_name(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE SCHEMA \"Live Data\"; CREATE TABLE \"Live Data\".\"Twin\" (id int PRIMARY KEY, \"Keep Me\" int CONSTRAINT \"Positive\" CHECK (\"Keep Me\" > 0));"
                + "CREATE TABLE \"Live Data\".twin (id int PRIMARY KEY, keep_me int);"
                + "CREATE INDEX \"By Keep\" ON \"Live Data\".\"Twin\" (\"Keep Me\");"
                + "CREATE FUNCTION \"Live Data\".noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
                + "CREATE TRIGGER \"On Write\" BEFORE UPDATE ON \"Live Data\".\"Twin\" FOR EACH ROW EXECUTE FUNCTION \"Live Data\".noop();"
                + "CREATE VIEW \"Live Data\".\"Twin View\" AS SELECT id FROM \"Live Data\".\"Twin\"");
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(new PgConnectOptions().setHost(infra.pg().host())
                .setPort(infra.pg().port()).setDatabase(infra.database()).setUser(infra.pg().user()).setPassword(infra.pg().password())).using(vertx).build();
        try {
            TableName twin = new TableName("Live Data", "Twin");
            TableName lower = new TableName("Live Data", "twin");
            Map<Removes, Boolean> expected = Map.ofEntries(
                    Map.entry(Removes.table(twin), true),
                    Map.entry(Removes.table(new TableName("Live Data", "Twin View")), true),
                    Map.entry(Removes.table(new TableName("public", "Twin")), false),
                    Map.entry(Removes.column(twin, "Keep Me"), true),
                    Map.entry(Removes.column(lower, "Keep Me"), false),
                    Map.entry(Removes.column(twin, "keep me"), false),
                    Map.entry(Removes.index(new TableName("Live Data", "By Keep")), true),
                    Map.entry(Removes.index(new TableName("Live Data", "by keep")), false),
                    Map.entry(Removes.constraint(twin, "Positive"), true),
                    Map.entry(Removes.constraint(lower, "Positive"), false),
                    Map.entry(Removes.trigger(twin, "On Write"), true),
                    Map.entry(Removes.trigger(lower, "On Write"), false));
            for (var e : expected.entrySet()) {
                boolean found = Preexisting.exists(pool, e.getKey()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(found).as(e.getKey().describe()).isEqualTo(e.getValue());
            }
        } finally {
            pool.close();
            vertx.close();
        }
    }
}

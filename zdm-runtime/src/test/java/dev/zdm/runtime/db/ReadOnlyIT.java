package dev.zdm.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ReadOnly} against a real PostgreSQL: reads answer, every write is refused by the server, nothing stays open. */
@ExtendWith(ZdmInfraExtension.class)
class ReadOnlyIT {
    private Vertx vertx;
    private Pool pool;

    @BeforeEach
    void connect(TestInfra infra) throws Exception {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(new PgConnectOptions().setHost(infra.pg().host())
                .setPort(infra.pg().port()).setDatabase(infra.database()).setUser(infra.pg().user()).setPassword(infra.pg().password()))
                .using(vertx).build();
        await(pool.query("CREATE TABLE IF NOT EXISTS kept (id int); TRUNCATE kept; INSERT INTO kept VALUES (1), (2)").execute());
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void readsAnswerAndEveryWriteIsRefusedByPostgres() throws Exception {
        long rows = await(ReadOnly.read(pool, c -> c.query("SELECT count(*) FROM kept").execute().map(r -> r.iterator().next().getLong(0))));
        assertThat(rows).isEqualTo(2);

        for (String write : new String[] {"INSERT INTO kept VALUES (3)", "DELETE FROM kept", "DROP TABLE kept", "CREATE TABLE other (id int)",
                "SET TRANSACTION READ WRITE; DELETE FROM kept"}) {
            Throwable failed = failure(ReadOnly.read(pool, c -> c.query(write).execute()));
            assertThat(failed).as(write).isInstanceOf(PgException.class);
            assertThat(((PgException) failed).getSqlState()).as(write).isIn("25006", "25001");
        }

        assertThat(await(pool.query("SELECT count(*) FROM kept").execute()).iterator().next().getLong(0))
                .as("the pool's one connection came back out of its transaction").isEqualTo(2);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            await(f);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}

package dev.zdm.executor.batch;

import dev.zdm.infra.junit.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Test helpers for backfill ITs: the control table, demo tables, and blocking looks at the database. */
final class BackfillFixture implements AutoCloseable {
    /** The control table as the runtime creates it (plus the range bounds this package needs). */
    static final String PROGRESS_DDL = """
            CREATE SCHEMA IF NOT EXISTS zdm;
            CREATE TABLE IF NOT EXISTS zdm._migration_progress (
              migration_id text NOT NULL, phase text, step_id text NOT NULL,
              batches_completed bigint NOT NULL DEFAULT 0, rows_affected bigint NOT NULL DEFAULT 0,
              rows_total bigint, last_key text, batch_size integer, status text NOT NULL,
              started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
              key_min text, key_max text,
              PRIMARY KEY (migration_id, step_id));
            """;

    final TestInfra infra;
    final Vertx vertx = Vertx.vertx();
    final Pool pool;

    BackfillFixture(TestInfra infra) {
        this.infra = infra;
        exec(PROGRESS_DDL);
        this.pool = BackfillPool.create(vertx, connectOptions(infra), 4);
    }

    static PgConnectOptions connectOptions(TestInfra infra) {
        return new PgConnectOptions().setHost(infra.pg().host()).setPort(infra.pg().port()).setDatabase(infra.database())
                .setUser(infra.pg().user()).setPassword(infra.pg().password());
    }

    /** {@code name(id bigint pk, price int, total int, touched int)} with ids 1..rows, totals unset. */
    void orders(String name, int rows) {
        exec("CREATE TABLE " + name + " (id bigint PRIMARY KEY, price int NOT NULL, total int, touched int NOT NULL DEFAULT 0);"
                + "INSERT INTO " + name + " (id, price) SELECT g, g % 1000 FROM generate_series(1, " + rows + ") g;"
                + "ANALYZE " + name);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl());
    }

    void exec(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql) {
        return Long.parseLong(one(sql));
    }

    /** The first column of the first row, as text (null when SQL NULL). */
    String one(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) throw new IllegalStateException("no row from " + sql);
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A column of the step's progress row as text; null when the row does not exist yet. */
    String progress(StepRef ref, String column) {
        return one("SELECT (SELECT " + column + "::text FROM zdm._migration_progress WHERE migration_id = '" + ref.migrationId()
                + "' AND step_id = '" + ref.stepId() + "')");
    }

    static <T> T await(Future<T> future) {
        return await(future, Duration.ofSeconds(90));
    }

    static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(pool.close());
        await(vertx.close());
    }
}

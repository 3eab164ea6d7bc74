package dev.zdm.executor.batch;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.sql.TableName;
import static dev.zdm.executor.batch.BackfillFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plan's batch options and the key types, against a real PostgreSQL. */
@ExtendWith(ZdmInfraExtension.class)
class BackfillOptionsIT {
    private static BackfillFixture db;
    private static BackfillRunner runner;

    @BeforeAll
    static void setUp(TestInfra infra) {
        db = new BackfillFixture(infra);
        runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillRunnerIT.SLOW);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void rolloutPercentageDoesTheFirstShareOfTheRangeThenTheRest() {
        db.orders("rollout", 10_000);
        StepRef ref = new StepRef("m-rollout", "p1", "s1");

        BackfillOutcome tenth = await(runner.start(ref, BackfillRunnerIT.touchEveryRow("rollout", new BatchOptions(400, 0, 0, 10)),
                ProgressListener.NONE).outcome());

        assertThat(tenth.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(tenth.runEnd()).isEqualTo("1000");
        assertThat(tenth.message()).contains("remain");
        assertThat(db.count("SELECT count(*) FROM rollout WHERE touched = 1")).isEqualTo(1_000);
        assertThat(db.count("SELECT max(id) FROM rollout WHERE touched = 1")).isEqualTo(1_000);

        BackfillOutcome all = await(runner.start(ref, BackfillRunnerIT.touchEveryRow("rollout", new BatchOptions(400, 0, 0, 100)),
                ProgressListener.NONE).outcome());

        assertThat(all.lastKey()).isEqualTo("10000");
        assertThat(all.rowsAffected()).isEqualTo(10_000);
        assertThat(db.count("SELECT count(*) FROM rollout WHERE touched <> 1")).isZero();
    }

    @Test
    void maxDurationStopsResumably() {
        db.orders("timed", 100_000);
        StepRef ref = new StepRef("m-timed", "p1", "s1");
        Step.Backfill step = BackfillRunnerIT.touchEveryRow("timed", new BatchOptions(200, 20, 500, 100));

        BackfillOutcome stopped = await(runner.start(ref, step, ProgressListener.NONE).outcome());

        assertThat(stopped.state()).isEqualTo(BackfillState.STOPPED);
        assertThat(stopped.message()).contains("maxDurationMs 500");
        assertThat(Long.parseLong(stopped.lastKey())).isBetween(1L, 99_999L);
        assertThat(db.progress(ref, "status")).isEqualTo("stopped");
        assertThat(db.count("SELECT count(*) FROM timed WHERE touched = 1")).isEqualTo(Long.parseLong(stopped.lastKey()));
    }

    @Test
    void uuidKeysWalkInTheirOwnOrder() {
        db.exec("CREATE TABLE tokens (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), v int NOT NULL, w int);"
                + "INSERT INTO tokens (v) SELECT g FROM generate_series(1, 5000) g; ANALYZE tokens");
        StepRef ref = new StepRef("m-uuid", "p1", "s1");
        Step.Backfill step = new Step.Backfill("s1", TableName.of("tokens"), "id", "w = v + 1", "w IS NULL", new BatchOptions(300, 0, 0, 100));

        BackfillOutcome done = await(runner.start(ref, step, ProgressListener.NONE).outcome());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.rowsAffected()).isEqualTo(5_000);
        assertThat(done.lastKey()).isEqualTo(db.one("SELECT t.id::text FROM tokens t ORDER BY t.id DESC LIMIT 1"));
        assertThat(db.count("SELECT count(*) FROM tokens WHERE w IS DISTINCT FROM v + 1")).isZero();
    }

    @Test
    void textKeysRollOutByPercentileThenFinish() {
        db.exec("CREATE TABLE words (k text PRIMARY KEY, n int NOT NULL, done boolean);"
                + "INSERT INTO words SELECT md5(g::text), g FROM generate_series(1, 4000) g; ANALYZE words");
        StepRef ref = new StepRef("m-text", "p1", "s1");
        Step.Backfill half = new Step.Backfill("s1", TableName.of("words"), "k", "done = true", "done IS NULL", new BatchOptions(250, 0, 0, 50));

        BackfillOutcome first = await(runner.start(ref, half, ProgressListener.NONE).outcome());

        assertThat(db.count("SELECT count(*) FROM words WHERE done")).isEqualTo(2_000);
        assertThat(db.count("SELECT count(*) FROM words WHERE done AND k > '" + first.runEnd() + "'")).isZero();

        Step.Backfill rest = new Step.Backfill("s1", TableName.of("words"), "k", "done = true", "done IS NULL", new BatchOptions(250, 0, 0, 100));
        BackfillOutcome second = await(runner.start(ref, rest, ProgressListener.NONE).outcome());

        assertThat(second.rowsAffected()).isEqualTo(4_000);
        assertThat(db.count("SELECT count(*) FROM words WHERE done IS NULL")).isZero();
    }

    @Test
    void aPermanentErrorFailsTheStepNamingTableAndKeys() {
        db.orders("broken", 1_000);
        StepRef ref = new StepRef("m-broken", "p1", "s1");
        Step.Backfill step = new Step.Backfill("s1", TableName.of("broken"), "id", "total = price / (id - 450)", "total IS NULL",
                new BatchOptions(100, 0, 0, 100));
        BackfillRunner fixedSize = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(),
                new BackfillSettings("db1", 100_000, 100, 100, 200, 5_000, 1_000, Backoff.DEFAULT));

        assertThatThrownBy(() -> await(fixedSize.start(ref, step, ProgressListener.NONE).outcome()))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
                    assertThat(e.sqlState()).isEqualTo("22012");
                    assertThat(e.location()).isEqualTo("s1");
                    assertThat(e.getMessage()).contains("backfill of broken", "after key 400", "range end 1000", "resumes after key 400");
                });
        assertThat(db.progress(ref, "status")).isEqualTo("failed");
        assertThat(db.progress(ref, "last_key")).isEqualTo("400");
        assertThat(db.count("SELECT count(*) FROM broken WHERE total IS NOT NULL")).isEqualTo(400);
    }

    @Test
    void anUnknownTableFailsBeforeAnyBatch() {
        Step.Backfill step = new Step.Backfill("s1", TableName.of("nowhere"), "id", "x = 1", null, BatchOptions.DEFAULT);
        assertThatThrownBy(() -> await(runner.start(new StepRef("m-none", "p1", "s1"), step, ProgressListener.NONE).outcome()))
                .isInstanceOfSatisfying(ZdmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE))
                .hasMessageContaining("nowhere");
    }
}

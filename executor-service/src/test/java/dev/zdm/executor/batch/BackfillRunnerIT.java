package dev.zdm.executor.batch;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.sql.TableName;
import static dev.zdm.executor.batch.BackfillFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backfills against a real PostgreSQL: completion, resume after cancel and after a killed executor, pause. */
@ExtendWith(ZdmInfraExtension.class)
class BackfillRunnerIT {
    /** Small batches with a delay so a test can act while the backfill is mid-way. */
    static final BackfillSettings SLOW = new BackfillSettings("db1", 100, 10, 500, 200, 5_000, 1_000, Backoff.DEFAULT);
    private static BackfillFixture db;

    @BeforeAll
    static void setUp(TestInfra infra) {
        db = new BackfillFixture(infra);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static Step.Backfill touchEveryRow(String table, BatchOptions options) {
        // no pending predicate: a range done twice would show as touched = 2
        return new Step.Backfill("s1", TableName.of(table), "id", "total = price * 2, touched = touched + 1", null, options);
    }

    @Test
    void backfillsEveryRowAndCheckpointsTheMaxKey() {
        db.orders("filled", 100_000);
        StepRef ref = new StepRef("m-full", "p1", "s1");
        List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
        BackfillRunner runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillSettings.defaults("db1"));

        BackfillOutcome outcome = await(runner.start(ref, touchEveryRow("filled", BatchOptions.DEFAULT), seen::add).outcome());

        assertThat(outcome.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(outcome.rowsAffected()).isEqualTo(100_000);
        assertThat(outcome.rowsPastBound()).isZero();
        assertThat(db.count("SELECT count(*) FROM filled WHERE touched <> 1 OR total IS DISTINCT FROM price * 2")).isZero();
        assertThat(db.progress(ref, "last_key")).isEqualTo("100000");
        assertThat(db.progress(ref, "status")).isEqualTo("completed");
        assertThat(db.progress(ref, "rows_affected")).isEqualTo("100000");
        assertThat(Long.parseLong(db.progress(ref, "batches_completed"))).isEqualTo(outcome.batchesCompleted()).isGreaterThan(1);
        assertThat(seen).isNotEmpty();
        BackfillProgress last = seen.get(seen.size() - 1);
        assertThat(last.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(last.message()).isEqualTo(outcome.message()).startsWith("backfilled 100000 rows of filled");
        assertThat(last.rowsCovered()).isEqualTo(last.rowsTotal()).isEqualTo(100_000L);
        assertThat(last.etaMs()).isZero();
        assertThat(seen).anyMatch(p -> p.state() == BackfillState.RUNNING);
    }

    @Test
    void aBatchedDeleteRemovesExactlyThePendingRowsInKeyBatches() {
        db.orders("purged", 50_000);
        StepRef ref = new StepRef("m-delete", "p1", "s1");
        BackfillRunner runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillSettings.defaults("db1"));
        Step.Backfill purge = new Step.Backfill("s1", TableName.of("purged"), "id", null, "id % 3 = 0", BatchOptions.DEFAULT);

        BackfillOutcome outcome = await(runner.start(ref, purge, ProgressListener.NONE).outcome());

        assertThat(outcome.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(outcome.rowsAffected()).isEqualTo(16_666);
        assertThat(db.count("SELECT count(*) FROM purged WHERE id % 3 = 0")).isZero();
        assertThat(db.count("SELECT count(*) FROM purged")).isEqualTo(50_000 - 16_666);
        assertThat(Long.parseLong(db.progress(ref, "batches_completed"))).isGreaterThan(1);
    }

    @Test
    void aStepZdmCannotResolveFailsWithTheReasonInsteadOfHanging() {
        BackfillRunner runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillSettings.defaults("db1"));
        for (String table : List.of("we\"ird", "no such; table", "no_such_table")) {
            Step.Backfill step = new Step.Backfill("s1", TableName.of(table), "id", "total = 1", null, BatchOptions.DEFAULT);

            var outcome = runner.start(new StepRef("m-bad-" + table.length(), "p1", "s1"), step, ProgressListener.NONE).outcome();

            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> await(outcome, Duration.ofSeconds(20)));
            assertThat(failure).as(table).isInstanceOf(dev.zdm.domain.error.ZdmException.class);
            assertThat(failure.getMessage()).as(table).contains(table);
        }
    }

    @Test
    void aCancelledRunResumesFromItsCheckpointWithNoBatchRedone() {
        db.orders("resumed", 100_000);
        StepRef ref = new StepRef("m-cancel", "p1", "s1");
        Step.Backfill step = touchEveryRow("resumed", new BatchOptions(500, 20, 0, 100));
        BackfillRunner runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), SLOW);

        BackfillJob first = runner.start(ref, step, ProgressListener.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(nz(db.progress(ref, "rows_affected"))) >= 10_000);
        first.cancel();
        BackfillOutcome stopped = await(first.outcome());

        assertThat(stopped.state()).isEqualTo(BackfillState.CANCELLED);
        long cut = Long.parseLong(stopped.lastKey());
        assertThat(cut).isBetween(10_000L, 99_999L);
        assertThat(db.count("SELECT count(*) FROM resumed WHERE id <= " + cut + " AND touched <> 1")).isZero();
        assertThat(db.count("SELECT count(*) FROM resumed WHERE id > " + cut + " AND touched <> 0")).isZero();
        assertThat(db.progress(ref, "status")).isEqualTo("cancelled");

        BackfillOutcome done = await(runner.start(ref, step, ProgressListener.NONE).outcome());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.rowsAffected()).isEqualTo(100_000);
        assertThat(done.batchesCompleted()).isGreaterThan(stopped.batchesCompleted());
        assertThat(db.count("SELECT count(*) FROM resumed WHERE touched <> 1")).isZero();
    }

    @Test
    void anExecutorKilledMidRunLosesOnlyItsUncommittedBatch() {
        db.orders("killed", 60_000);
        StepRef ref = new StepRef("m-kill", "p1", "s1");
        Step.Backfill step = touchEveryRow("killed", new BatchOptions(500, 5, 0, 100));
        Vertx doomed = Vertx.vertx();
        Pool doomedPool = BackfillPool.create(doomed, BackfillFixture.connectOptions(db.infra), 2);
        new BackfillRunner(doomed, doomedPool, new BreakerBoard(), SLOW).start(ref, step, ProgressListener.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(nz(db.progress(ref, "rows_affected"))) >= 5_000);

        await(doomed.close()); // sockets closed mid-transaction, as when the process dies

        db.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'zdm-executor'"
                + " AND state LIKE 'idle in transaction%'");
        BackfillOutcome done = await(new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), SLOW)
                .start(ref, step, ProgressListener.NONE).outcome());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.count("SELECT count(*) FROM killed WHERE touched <> 1")).isZero();
        assertThat(done.rowsAffected()).isEqualTo(60_000);
    }

    @Test
    void aPausedBackfillHoldsNoLockAndNoTransaction() {
        db.orders("paused", 60_000);
        StepRef ref = new StepRef("m-pause", "p1", "s1");
        Step.Backfill step = touchEveryRow("paused", new BatchOptions(500, 20, 0, 100));
        List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
        BackfillJob job = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), SLOW).start(ref, step, seen::add);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(nz(db.progress(ref, "rows_affected"))) >= 2_000);
        assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'zdm-executor'")).isPositive();

        job.pause();
        await().atMost(Duration.ofSeconds(10)).until(() -> "paused".equals(db.progress(ref, "status")));
        String heldAt = db.progress(ref, "last_key");

        assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'zdm-executor'"
                + " AND (state <> 'idle' OR backend_xid IS NOT NULL OR xact_start IS NOT NULL)")).isZero();
        assertThat(db.count("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE a.application_name = 'zdm-executor'")).isZero();
        db.exec("BEGIN; LOCK TABLE paused IN ACCESS EXCLUSIVE MODE NOWAIT; COMMIT"); // would fail with 55P03 if the runner held anything
        assertThat(seen).anyMatch(p -> p.state() == BackfillState.PAUSED && "paused".equals(p.throttleTag())
                && "paused by an operator".equals(p.throttleReason()));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> heldAt.equals(db.progress(ref, "last_key")));

        job.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> !"paused".equals(db.progress(ref, "status")));
        BackfillOutcome done = await(job.outcome());
        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.count("SELECT count(*) FROM paused WHERE touched <> 1")).isZero();
    }

    @Test
    void twoRunsOfOneStepAtOnceNeverDoARangeTwice() {
        db.orders("twice", 30_000);
        StepRef ref = new StepRef("m-twice", "p1", "s1");
        Step.Backfill step = touchEveryRow("twice", new BatchOptions(500, 0, 0, 100));
        BackfillRunner runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), SLOW);

        BackfillJob one = runner.start(ref, step, ProgressListener.NONE);
        BackfillJob two = runner.start(ref, step, ProgressListener.NONE);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (BackfillJob job : List.of(one, two)) {
            try {
                await(job.outcome());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }

        assertThat(failures).hasSize(1).first().asString().contains("another executor is running this step");
        assertThat(db.count("SELECT count(*) FROM twice WHERE touched <> 1")).isZero();
        assertThat(db.progress(ref, "rows_affected")).isEqualTo("30000");
    }

    @Test
    void aFencedRunStopsBeforeItsNextBatchOnceItsLeaseIsTakenOverAndNoRowIsDoneTwice() throws Exception {
        db.orders("fenced", 30_000);
        db.exec("CREATE TABLE IF NOT EXISTS zdm.phase_leases (migration_id text PRIMARY KEY, phase_index integer NOT NULL, direction text NOT NULL, "
                + "attempt integer NOT NULL, owner text NOT NULL, epoch bigint NOT NULL, taken_at timestamptz NOT NULL DEFAULT now(), "
                + "expires_at timestamptz NOT NULL); DELETE FROM zdm.phase_leases WHERE migration_id = 'm-fenced';"
                + "INSERT INTO zdm.phase_leases VALUES ('m-fenced', 0, 'FORWARD', 1, 'worker-a', 1, now(), now() + interval '1 hour')");
        StepRef ref = new StepRef("m-fenced", "p1", "s1", new Fence("worker-a", 1));
        BackfillRunner runner = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), SLOW);
        BackfillJob job = runner.start(ref, touchEveryRow("fenced", new BatchOptions(200, 20, 0, 100)), ProgressListener.NONE);
        long deadline = System.currentTimeMillis() + 30_000;
        while (Long.parseLong(nz(db.progress(ref, "rows_affected"))) == 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);

        // another executor takes the phase over (as after an expired lease)
        db.exec("UPDATE zdm.phase_leases SET owner = 'worker-b', epoch = 2 WHERE migration_id = 'm-fenced'");

        assertThatThrownBy(() -> await(job.outcome())).hasMessageContaining("the lease of m-fenced (worker-a#1) is gone");
        String done = db.progress(ref, "rows_affected");
        assertThat(Long.parseLong(done)).isPositive().isLessThan(30_000);
        assertThat(db.count("SELECT count(*) FROM fenced WHERE touched = 1")).as("the batch refused by the fence rolled back").isEqualTo(Long.parseLong(done));
        assertThat(db.count("SELECT count(*) FROM fenced WHERE touched > 1")).isZero();
        Thread.sleep(500);
        assertThat(db.progress(ref, "rows_affected")).as("nothing written after the lease was lost").isEqualTo(done);
    }

    static String nz(String value) {
        return value == null ? "0" : value;
    }
}

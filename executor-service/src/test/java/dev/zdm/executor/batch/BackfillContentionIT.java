package dev.zdm.executor.batch;

import dev.zdm.domain.sql.TableName;
import static dev.zdm.executor.batch.BackfillFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Step;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backfills beside a live application, a row lock held by it, and circuit breakers. */
@ExtendWith(ZdmInfraExtension.class)
class BackfillContentionIT {
    private static BackfillFixture db;

    @BeforeAll
    static void setUp(TestInfra infra) {
        db = new BackfillFixture(infra);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void concurrentApplicationWritesSucceedAndLateInsertsAreLeftForTheFinalPass() throws Exception {
        db.orders("busy", 50_000);
        StepRef ref = new StepRef("m-busy", "p1", "s1");
        Step.Backfill step = new Step.Backfill("s1", TableName.of("busy"), "id", "total = price * 2", "total IS NULL", new BatchOptions(200, 5, 0, 100));
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Long, Integer> bumps = new HashMap<>();
        CompletableFuture<Integer> app = CompletableFuture.supplyAsync(() -> application(running, bumps));

        BackfillOutcome done = await(new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillRunnerIT.SLOW)
                .start(ref, step, ProgressListener.NONE).outcome());
        running.set(false);
        int inserted = app.get();

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(inserted).isPositive();
        assertThat(bumps).isNotEmpty();
        // the range was bounded at the max key when the backfill started; appends before that are inside it
        long bound = Long.parseLong(done.keyMax());
        long insertedPastBound = 50_000 + inserted - bound;
        assertThat(bound).isBetween(50_000L, 50_000L + inserted - 1);
        assertThat(db.count("SELECT count(*) FROM busy WHERE id <= " + bound + " AND total IS NULL")).isZero();
        assertThat(db.count("SELECT count(*) FROM busy WHERE id > " + bound + " AND total IS NULL")).isEqualTo(insertedPastBound);
        // counted when the backfill completed; the application went on appending a little longer
        assertThat(done.rowsPastBound()).isPositive().isLessThanOrEqualTo(insertedPastBound);
        assertThat(done.message()).contains(done.rowsPastBound() + " pending rows with keys above " + bound,
                "left for the sync or a final pass");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, price FROM busy WHERE id <= 50000")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                assertThat(rs.getInt(2)).as("price of %d", id).isEqualTo(id % 1000 + bumps.getOrDefault(id, 0));
            }
        }
    }

    /** Point updates and appends in autocommit, as an application does; any SQL error fails the test. */
    private static int application(AtomicBoolean running, Map<Long, Integer> bumps) {
        int inserted = 0;
        try (Connection c = db.connect();
             PreparedStatement bump = c.prepareStatement("UPDATE busy SET price = price + 1 WHERE id = ?");
             PreparedStatement append = c.prepareStatement("INSERT INTO busy (id, price) VALUES (?, 1)")) {
            for (int i = 0; running.get() || i < 50; i++) {
                long id = ThreadLocalRandom.current().nextLong(1, 50_001);
                bump.setLong(1, id);
                assertThat(bump.executeUpdate()).isEqualTo(1);
                bumps.merge(id, 1, Integer::sum);
                if (i % 10 == 0) {
                    append.setLong(1, 50_001 + inserted);
                    append.executeUpdate();
                    inserted++;
                }
            }
            return inserted;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the application saw an error", e);
        }
    }

    @Test
    void anOpenBreakerHoldsHalfOpenTricklesClosedFinishes() {
        db.orders("guarded", 40_000);
        StepRef ref = new StepRef("m-breaker", "p1", "s1");
        BreakerBoard board = new BreakerBoard();
        List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
        BackfillJob job = new BackfillRunner(db.vertx, db.pool, board, BackfillRunnerIT.SLOW)
                .start(ref, BackfillRunnerIT.touchEveryRow("guarded", new BatchOptions(500, 20, 0, 100)), seen::add);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(ref) >= 2_000);

        board.update("locks", "db1", "OPEN", "longest lock wait 3000 ms > 1000 ms", System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(p -> p.state() == BackfillState.THROTTLED
                && "breaker_open".equals(p.throttleTag())
                && p.throttleReason().equals("breaker locks on db1 OPEN: longest lock wait 3000 ms > 1000 ms")));
        long held = rows(ref);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> rows(ref) == held);

        board.update("locks", "db1", "HALF_OPEN", "cool-down over", System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(ref) > held);
        long trickleStart = rows(ref);
        sleep(2_100);
        assertThat(rows(ref) - trickleStart).as("rows in ~2 s of trickle").isBetween(1L, 300L);

        board.update("locks", "db1", "CLOSED", "", System.currentTimeMillis());
        BackfillOutcome done = await(job.outcome());
        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.count("SELECT count(*) FROM guarded WHERE touched <> 1")).isZero();
    }

    @Test
    void aRowLockHeldByTheApplicationIsWaitedOutWithBackoffAndReported() throws Exception {
        db.orders("locked", 6_000);
        StepRef ref = new StepRef("m-lock", "p1", "s1");
        List<BackfillProgress> seen = new CopyOnWriteArrayList<>();
        try (Connection app = db.connect()) {
            app.setAutoCommit(false);
            app.createStatement().execute("SELECT * FROM locked WHERE id = 2000 FOR UPDATE");
            BackfillJob job = new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillRunnerIT.SLOW)
                    .start(ref, BackfillRunnerIT.touchEveryRow("locked", new BatchOptions(500, 0, 0, 100)), seen::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(p -> p.state() == BackfillState.THROTTLED
                    && "retrying".equals(p.throttleTag())
                    && p.throttleReason().startsWith("ZDM-LOCK-TIMEOUT (55P03) on the batch after key")));
            assertThat(rows(ref)).isLessThan(2_000);
            app.rollback();
            BackfillOutcome done = await(job.outcome());
            assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        }
        // once past the lock, the gate slows the next batches on that evidence
        assertThat(seen).anyMatch(p -> p.state() == BackfillState.THROTTLED
                && "lock_timeouts".equals(p.throttleTag())
                && p.throttleReason().contains("lock timeout(s) on the backfill's own statements"));
        assertThat(db.count("SELECT count(*) FROM locked WHERE touched <> 1")).isZero();
    }

    private static long rows(StepRef ref) {
        return Long.parseLong(BackfillRunnerIT.nz(db.progress(ref, "rows_affected")));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

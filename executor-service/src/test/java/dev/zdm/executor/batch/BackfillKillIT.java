package dev.zdm.executor.batch;

import static dev.zdm.executor.batch.BackfillFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An executor process killed with SIGKILL mid-backfill; a new one resumes with no range done twice or missed. */
@ExtendWith(ZdmInfraExtension.class)
class BackfillKillIT {
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
    void aKilledExecutorProcessIsResumedExactly() throws Exception {
        db.orders("crashed", 100_000);
        StepRef ref = new StepRef("m-crash", "p1", "s1");
        Process child = startChild("crashed", ref);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(BackfillRunnerIT.nz(db.progress(ref, "rows_affected"))) >= 5_000);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback sent, sockets dropped by the kernel
            assertThat(child.waitFor()).isNotZero();
        } finally {
            child.destroyForcibly();
        }
        long cut = Long.parseLong(db.progress(ref, "last_key"));
        assertThat(cut).isBetween(5_000L, 99_999L);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'zdm-executor' AND xact_start IS NOT NULL") == 0);
        assertThat(db.count("SELECT count(*) FROM crashed WHERE id <= " + cut + " AND touched <> 1")).isZero();
        assertThat(db.count("SELECT count(*) FROM crashed WHERE id > " + cut + " AND touched <> 0")).isZero();

        BackfillOutcome done = await(new BackfillRunner(db.vertx, db.pool, new BreakerBoard(), BackfillRunnerIT.SLOW)
                .start(ref, BackfillRunnerIT.touchEveryRow("crashed", new BatchOptions(500, 0, 0, 100)),
                        ProgressListener.NONE).outcome());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.rowsAffected()).isEqualTo(100_000);
        assertThat(db.count("SELECT count(*) FROM crashed WHERE touched <> 1")).isZero();
    }

    private static Process startChild(String table, StepRef ref) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", classpath, BackfillChild.class.getName(),
                table, ref.migrationId(), ref.stepId()))
                .redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "backfill-child.log"));
        Map<String, String> env = builder.environment();
        env.put("PGHOST", db.infra.pg().host());
        env.put("PGPORT", Integer.toString(db.infra.pg().port()));
        env.put("PGDATABASE", db.infra.database());
        env.put("PGUSER", db.infra.pg().user());
        env.put("PGPASSWORD", db.infra.pg().password());
        return builder.start();
    }
}

package dev.zdm.sync.testing;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.session.SessionListener;
import dev.zdm.sync.session.SessionMeters;
import dev.zdm.sync.session.SessionSettings;
import dev.zdm.sync.session.SyncReport;
import dev.zdm.sync.session.SyncRequest;
import dev.zdm.sync.session.SyncSessions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The session API against a test database, without Kafka: requests in, answers out, spontaneous reports collected. */
public final class Harness implements AutoCloseable {
    public static final String TARGET = "main";
    public final List<SyncReport> reports = new CopyOnWriteArrayList<>();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final SyncSessions sessions;
    public final DbTarget db;

    public Harness(TestInfra infra) {
        this(infra, fast());
    }

    public Harness(TestInfra infra, SessionSettings settings) {
        db = new DbTarget(TARGET, infra.pg().host(), infra.pg().port(), infra.database(), infra.pg().user(), infra.pg().password());
        sessions = new SyncSessions(Map.of(TARGET, db), settings, new SessionListener() {
            @Override
            public void report(SyncReport report) {
                reports.add(report);
            }

            @Override
            public void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
            }
        }, new SessionMeters(registry));
    }

    /** Settings for tests: quick status ticks and short waits. */
    public static SessionSettings fast() {
        SessionSettings d = SessionSettings.defaults();
        return new SessionSettings(200, 5_000, 60_000, d.ddlLockTimeoutMs(), d.ddlAttempts(), 30_000, d.applyMaxAttempts(), d.copyTargetBatchMs(),
                d.copyMaxBatch(), 500, d.verifyAttempts(), 200, 2_000, 20, 200, d.caughtUpLagMs());
    }

    public SyncReport ask(SyncRequest request) {
        try {
            return sessions.handle(request).get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The session API against a test database, without Kafka: requests in, answers out, spontaneous reports collected. */
public final class Harness implements AutoCloseable {
    /** How long a request may take; {@code -Dzdm.it.askTimeoutSeconds} shortens it when hunting a hang. */
    private static final long ASK_TIMEOUT_SECONDS = Long.getLong("zdm.it.askTimeoutSeconds", 180);
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
                d.copyMaxBatch(), 500, d.verifyAttempts(), 200, 2_000, 20, 200, d.caughtUpLagMs(), d.outageWindowMs());
    }

    public SyncReport ask(SyncRequest request) {
        try {
            return sessions.handle(request).get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer to " + request + " within " + ASK_TIMEOUT_SECONDS + " s; what was running:\n" + whatRuns(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database's sessions (who blocks whom), and the threads in zdm's sync, Debezium or the JDBC driver: what a hung request was waiting for. */
    private String whatRuns() {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect("diagnostics"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pid, application_name, backend_type, state, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,"
                        + " now() - xact_start AS in_xact, left(query, 300) AS query FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                out.append("  pg ").append(rs.getInt("pid")).append(' ').append(rs.getString("application_name")).append(" [")
                        .append(rs.getString("backend_type")).append("] ").append(rs.getString("state")).append(" wait=")
                        .append(rs.getString("wait_event_type")).append('/').append(rs.getString("wait_event")).append(" blocked_by=")
                        .append(rs.getString("blocked_by")).append(" in_xact=").append(rs.getString("in_xact")).append(": ")
                        .append(rs.getString("query")).append('\n');
            }
        } catch (SQLException e) {
            out.append("  pg_stat_activity unavailable: ").append(e.getMessage()).append('\n');
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean ours = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("dev.zdm.sync")
                    || f.getClassName().startsWith("io.debezium") || f.getClassName().startsWith("org.postgresql"));
            if (!ours) return;
            out.append("  thread ").append(thread.getName()).append(' ').append(thread.getState()).append('\n');
            for (int i = 0; i < Math.min(stack.length, 25); i++) out.append("    at ").append(stack[i]).append('\n');
        });
        return out.toString();
    }

    @Override
    public void close() {
        sessions.close();
    }
}

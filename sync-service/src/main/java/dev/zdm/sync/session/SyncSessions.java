package dev.zdm.sync.session;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.sync.cdc.JdbcOffsetStore;
import dev.zdm.sync.cdc.SlotNames;
import dev.zdm.sync.cdc.Slots;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.db.SyncTables;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync service's API: every running sync of this process, by migration id. {@link #handle} takes
 * any {@link SyncRequest} and completes with its answer (never exceptionally: a failure is an answer
 * with state FAILED; the caller publishes it). The listener hears what happens outside requests: a copy
 * beginning, a capture failing, a sync resumed after a restart. Requests are idempotent: a repeated START reports the running sync, a STOP of a
 * sync that is gone still removes whatever slot, publication or record it left. Thread-safe; blocking
 * work runs on the sessions' threads, never the caller's.
 */
public final class SyncSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncSessions.class);

    private final Map<String, DbTarget> targets;
    private final SessionSettings settings;
    private final SessionListener listener;
    private final SessionMeters meters;
    private final Map<String, SyncSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService loose = Executors.newCachedThreadPool(r -> daemon(r, "zdm-sync-loose"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "zdm-sync-ticker"));

    public SyncSessions(Map<String, DbTarget> targets, SessionSettings settings, SessionListener listener, SessionMeters meters) {
        this.targets = Map.copyOf(targets);
        this.settings = settings;
        this.listener = new Forgetting(listener);
        this.meters = meters;
        ticker.scheduleWithFixedDelay(this::tick, settings.statusIntervalMs(), settings.statusIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** Carries out {@code request}; the future completes with the answer once the request is done. */
    public CompletableFuture<SyncReport> handle(SyncRequest request) {
        DbTarget db = targets.get(request.target());
        if (db == null) {
            return done(SyncReport.failed(request, new ZdmException(ErrorCode.UNKNOWN_TARGET, "target '" + request.target()
                    + "' is not configured for the sync service; configured: " + targets.keySet())));
        }
        SyncSession session = sessions.get(request.migrationId());
        if (request instanceof SyncRequest.Start start) return start(db, session, start);
        if (request instanceof SyncRequest.Stop stop) {
            return session != null ? guarded(request, session.submit(() -> session.stop(stop.phaseId()))) : leftovers(db, stop);
        }
        if (request instanceof SyncRequest.Verify verify) {
            if (session != null) return guarded(request, session.submit(() -> session.verify(verify)));
            return guarded(request, CompletableFuture.supplyAsync(() -> VerifyRun.run(db, verify, settings, null, listener), loose));
        }
        if (session == null) {
            return done(SyncReport.failed(request, new ZdmException(ErrorCode.NOT_ALLOWED, "no sync runs for migration " + request.migrationId()
                    + " on this sync service; START it first")));
        }
        if (request instanceof SyncRequest.Drain drain) return guarded(request, session.submit(() -> session.drain(drain.phaseId())));
        if (request instanceof SyncRequest.Reverse reverse) return guarded(request, session.submit(() -> session.reverse(reverse.phaseId())));
        if (request instanceof SyncRequest.Switch sw) return guarded(request, session.submit(() -> session.switchover(sw)));
        return done(SyncReport.failed(request, new ZdmException(ErrorCode.INVALID_REQUEST, "unknown sync request " + request)));
    }

    private CompletableFuture<SyncReport> start(DbTarget db, SyncSession running, SyncRequest.Start start) {
        if (running != null) {
            if (!running.spec().sameSync(start.spec())) {
                return done(SyncReport.failed(start, new ZdmException(ErrorCode.INVALID_REQUEST, "migration " + start.migrationId()
                        + " already syncs " + running.spec().sourceTable() + " -> " + running.spec().targetTable() + "; one sync per migration")));
            }
            return guarded(start, running.submit(() -> running.report().answer(start.phaseId(), running.state())));
        }
        SyncSession created = SyncSession.create(db, start.phaseId(), start.spec(), settings, listener, meters);
        SyncSession raced = sessions.putIfAbsent(start.migrationId(), created);
        if (raced != null) return start(db, raced, start);
        return guarded(start, created.submit(() -> created.start(start.phaseId())));
    }

    /** STOP of a sync this process does not run: drop what a crashed or finished one may have left. */
    private CompletableFuture<SyncReport> leftovers(DbTarget db, SyncRequest.Stop stop) {
        return guarded(stop, CompletableFuture.supplyAsync(() -> {
            String slot = SlotNames.of(stop.migrationId());
            try (Connection c = db.connect("control")) {
                SyncTables.ensure(c);
                var stored = SessionStore.load(c, stop.migrationId());
                Slots.dropSlot(c, slot);
                Slots.dropPublication(c, slot);
                if (stored.isPresent()) Preparation.restore(c, stored.get().identities(), settings);
                JdbcOffsetStore.delete(c, slot);
                SessionStore.delete(c, stop.migrationId());
            } catch (Exception e) {
                return SyncReport.failed(stop, Errors.classify(e, slot));
            }
            return SyncReport.bare(stop, SyncState.STOPPED);
        }, loose));
    }

    /**
     * Resumes the syncs recorded as running on {@code target} (after a restart); blocks until each is
     * streaming again or has failed. Call from a thread that may block.
     */
    public List<SyncReport> restore(String target) {
        DbTarget db = targets.get(target);
        List<SyncReport> out = new ArrayList<>();
        if (db == null) return out;
        List<SessionRecord> running;
        try (Connection c = db.connect("control")) {
            SyncTables.ensure(c);
            running = SessionStore.running(c);
        } catch (Exception e) {
            LOG.warn("cannot read the syncs to resume on {}: {}", db.describe(), e.toString());
            return out;
        }
        for (SessionRecord record : running) {
            if (sessions.containsKey(record.spec().migrationId())) continue;
            SyncSession session = new SyncSession(db, record, settings, listener, meters);
            sessions.put(record.spec().migrationId(), session);
            SyncReport resumed = session.submit(session::resume).exceptionally(e -> SyncReport.failed(new SyncRequest.Drain(
                    record.spec().migrationId(), target, record.phaseId()), Errors.classify(e, record.slot()))).join();
            listener.report(resumed);
            out.add(resumed);
        }
        return out;
    }

    /** Where every running sync stands: the periodic status. */
    public List<SyncReport> reports() {
        return sessions.values().stream().filter(s -> !s.ended()).map(SyncSession::report).toList();
    }

    /** The running session of {@code migrationId}, if any (tests, benchmarks). */
    public SyncSession session(String migrationId) {
        return sessions.get(migrationId);
    }

    private void tick() {
        for (SyncSession session : sessions.values()) {
            try {
                session.tick();
            } catch (RuntimeException e) {
                LOG.debug("tick of {} failed: {}", session.slot(), e.toString());
            }
        }
    }

    /** Stops every engine without cleaning up: the syncs resume when the service starts again. */
    @Override
    public void close() {
        ticker.shutdownNow();
        sessions.values().forEach(SyncSession::close);
        sessions.clear();
        loose.shutdownNow();
    }

    private static CompletableFuture<SyncReport> guarded(SyncRequest request, CompletableFuture<SyncReport> work) {
        return work.exceptionally(e -> SyncReport.failed(request, Errors.classify(e, request.migrationId())));
    }

    private static CompletableFuture<SyncReport> done(SyncReport report) {
        return CompletableFuture.completedFuture(report);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Passes everything on, and forgets a session once it ended. */
    private final class Forgetting implements SessionListener {
        private final SessionListener next;

        Forgetting(SessionListener next) {
            this.next = next;
        }

        @Override
        public void report(SyncReport report) {
            next.report(report);
        }

        @Override
        public void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
            next.progress(migrationId, phaseId, message, rowsDone, rowsTotal);
        }

        @Override
        public void ended(String migrationId) {
            SyncSession gone = sessions.remove(migrationId);
            if (gone != null) gone.retire();
            next.ended(migrationId);
        }
    }
}

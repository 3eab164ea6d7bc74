package dev.zdm.sync.session;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.sync.apply.Applier;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.cdc.JdbcOffsetStore;
import dev.zdm.sync.cdc.SlotNames;
import dev.zdm.sync.cdc.Slots;
import dev.zdm.sync.db.Catalog;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.db.SyncTables;
import dev.zdm.sync.db.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migration's sync: its slot and publication, its {@link Streaming} (capture, applier, markers), its
 * record in {@code zdm.sync_sessions}, and the commands that act on it. Commands run one at a time on
 * the session's own thread ({@link #submit}); the capture applies on its thread; the ticker probes on
 * its. See {@code docs/sync.md} for the command protocol.
 */
public final class SyncSession {
    private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);

    private final DbTarget db;
    private final SessionSettings settings;
    private final SessionListener listener;
    private final SessionMeters meters;
    private final ExecutorService control;
    private final Streaming stream;
    private volatile SessionRecord record;
    private volatile SyncState state = SyncState.STARTING;
    private volatile boolean ended;

    SyncSession(DbTarget db, SessionRecord record, SessionSettings settings, SessionListener listener, SessionMeters meters) {
        this.db = db;
        this.record = record;
        this.settings = settings;
        this.listener = listener;
        this.meters = meters;
        this.control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zdm-sync-" + record.slot());
            t.setDaemon(true);
            return t;
        });
        this.stream = new Streaming(db, record.slot(), settings, meters, control, this::streamFailed);
    }

    /** A new session for {@code spec}, not yet started. */
    static SyncSession create(DbTarget db, String phaseId, SyncSpec spec, SessionSettings settings, SessionListener listener, SessionMeters meters) {
        SessionRecord record = new SessionRecord(spec, SlotNames.of(spec.migrationId()), phaseId, SyncState.STARTING, false, 0, 0,
                spec.mapping(), List.of(), false, null, 0);
        return new SyncSession(db, record, settings, listener, meters);
    }

    /** Runs {@code command} on the session's thread, after the commands before it. */
    CompletableFuture<SyncReport> submit(Callable<SyncReport> command) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return command.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, control);
    }

    public SyncSpec spec() {
        return record.spec();
    }

    public String slot() {
        return record.slot();
    }

    public SyncState state() {
        return state;
    }

    boolean ended() {
        return ended;
    }

    SessionRecord record() {
        return record;
    }

    /** START: prepare, capture, (copy), stream. On failure everything created is dropped again. */
    SyncReport start(String phaseId) {
        try {
            Link forward;
            try (Connection c = db.connect("control")) {
                SyncTables.ensure(c);
                SyncSpec spec = record.spec();
                TableInfo source = Catalog.describe(c, spec.sourceTable());
                TableInfo target = Catalog.describe(c, spec.targetTable());
                forward = Link.of(spec.mode(), source, target, spec.keyColumns(), spec.mapping());
                Preparation.checkExpressions(c, forward);
                Link reverse = null;
                if (!spec.reverseMapping().isEmpty()) {
                    reverse = Link.of(spec.mode(), target, source, spec.keyColumns(), spec.reverseMapping());
                    Preparation.checkExpressions(c, reverse);
                }
                var identities = Preparation.identitiesToChange(spec.mode(), forward, reverse);
                record = new SessionRecord(spec, record.slot(), phaseId, SyncState.STARTING, false, source.oid(), target.oid(), spec.mapping(),
                        identities, false, null, 0);
                SessionStore.save(c, record);
                Preparation.setFull(c, identities, settings);
                Preparation.createCapture(c, record.slot(), source, settings);
                forward = Link.of(spec.mode(), Catalog.describe(c, source.oid()), Catalog.describe(c, target.oid()), spec.keyColumns(), spec.mapping());
            }
            return run(phaseId, forward);
        } catch (Exception e) {
            return failAndClean(phaseId, e);
        }
    }

    /** Resumes a session found running in {@code zdm.sync_sessions} at start-up, from its stored offsets. */
    SyncReport resume() {
        String phaseId = record.phaseId();
        try {
            Link link;
            try (Connection c = db.connect("control")) {
                if (!Slots.exists(c, record.slot())) {
                    throw new ZdmException(ErrorCode.INTERNAL, "replication slot " + record.slot() + " of a running sync is gone; changes since it went"
                            + " are lost to the sync: stop it and start the migration's sync again", record.slot());
                }
                link = Link.of(record.spec().mode(), Catalog.describe(c, record.sourceOid()), Catalog.describe(c, record.targetOid()),
                        record.spec().keyColumns(), record.activeMapping());
            }
            LOG.info("resuming sync {} ({})", record.slot(), link.describe());
            return run(phaseId, link);
        } catch (Exception e) {
            return failAndClean(phaseId, e);
        }
    }

    private SyncReport run(String phaseId, Link link) throws Exception {
        stream.start(link);
        if (record.spec().mode() == SyncMode.BLUE_GREEN && !record.copyDone()) copy(phaseId, link);
        return transition(phaseId, SyncState.STREAMING, false);
    }

    private void copy(String phaseId, Link link) throws SQLException {
        transition(phaseId, SyncState.COPYING, true);
        Copying.run(db, link, record, settings, () -> ended, (cursor, done) -> {
            record = record.withCopy(false, cursor);
            save();
            listener.progress(record.spec().migrationId(), phaseId, "initial copy of " + link.source().displayName(), done, null);
        });
        record = record.withCopy(true, null);
        save();
    }

    /** The stream ended for good (not a lost connection): fail the session and clean up. On the session's thread. */
    private void streamFailed(ZdmException failure) {
        if (ended) return;
        listener.report(failAndClean(record.phaseId(), failure));
    }

    /** True once every change committed before now is applied, false when {@code timeoutMs} ran out. */
    boolean awaitCaughtUp(long timeoutMs) {
        return stream.awaitCaughtUp(timeoutMs);
    }

    /** The ticker: probe lag and WAL while streaming. Runs on the ticker's thread. */
    void tick() {
        if (!ended) stream.tick();
    }

    SyncReport drain(String phaseId) {
        if (awaitCaughtUp(settings.drainTimeoutMs())) return report().answer(phaseId, SyncState.CAUGHT_UP);
        return failedAnswer(phaseId, new ZdmException(ErrorCode.STATEMENT_TIMEOUT, "the sync did not catch up within " + settings.drainTimeoutMs()
                + " ms (lag " + stream.lagMs() + " ms); try DRAIN again", record.slot()));
    }

    SyncReport reverse(String phaseId) {
        return Turning.reverse(this, phaseId);
    }

    SyncReport verify(SyncRequest.Verify request) {
        return VerifyRun.run(db, request, settings, () -> awaitCaughtUp(settings.drainTimeoutMs()), listener);
    }

    SyncReport switchover(SyncRequest.Switch request) {
        return Turning.switchover(this, request);
    }

    /** STOP: stop the engine, drop slot and publication, restore identities, forget offsets and the session. */
    SyncReport stop(String phaseId) {
        ended = true;
        cleanUp(new ZdmException(ErrorCode.NOT_ALLOWED, "the sync was stopped", record.slot()));
        state = SyncState.STOPPED;
        SyncReport report = SyncReport.bare(new SyncRequest.Stop(record.spec().migrationId(), record.spec().target(), phaseId), SyncState.STOPPED);
        listener.ended(record.spec().migrationId());
        return report;
    }

    private SyncReport failAndClean(String phaseId, Throwable error) {
        ZdmException failure = Errors.classify(error, record.slot());
        LOG.warn("sync {} failed, cleaning up: {}", record.slot(), failure.toString());
        ended = true;
        cleanUp(failure);
        state = SyncState.FAILED;
        SyncReport report = failedAnswer(phaseId, failure);
        listener.ended(record.spec().migrationId());
        return report;
    }

    private void cleanUp(ZdmException cause) {
        stream.stop(cause);
        try (Connection c = db.connect("control")) {
            Slots.dropSlot(c, record.slot());
            Slots.dropPublication(c, record.slot());
            Preparation.restore(c, record.identities(), settings);
            JdbcOffsetStore.delete(c, record.slot());
            SessionStore.delete(c, record.spec().migrationId());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cleanup of sync {} incomplete ({}); the slot hygiene check will report what is left", record.slot(), e.toString());
        }
    }

    /** Stops the engine and the session's threads without touching the database (process shutdown). */
    void close() {
        ended = true;
        stream.stop(new ZdmException(ErrorCode.CONNECTION_LOST, "the sync service is shutting down", record.slot()));
        control.shutdownNow();
    }

    /** Lets the session's thread finish what it is doing, then end (the session ended by itself). */
    void retire() {
        control.shutdown();
    }

    /** Moves the session to {@code next} and records it; {@code notify} tells the listener (else the caller publishes the answer). */
    SyncReport transition(String phaseId, SyncState next, boolean notify) {
        state = next;
        record = record.withState(phaseId, next);
        save();
        SyncReport report = report().answer(phaseId, next);
        if (notify) listener.report(report);
        return report;
    }

    SyncReport failedAnswer(String phaseId, ZdmException error) {
        SyncReport now = report();
        return new SyncReport(now.migrationId(), phaseId, SyncState.FAILED, now.slotName(), now.lagMs(), now.lagBytes(), now.retainedWalBytes(),
                now.changesApplied(), now.caughtUp(), error, System.currentTimeMillis());
    }

    /** Where the session stands now. */
    public SyncReport report() {
        long lag = stream.lagMs();
        boolean live = state == SyncState.STREAMING || state == SyncState.COPYING;
        return new SyncReport(record.spec().migrationId(), record.phaseId(), state, ended ? null : record.slot(), lag, stream.lagBytes(),
                stream.retainedWal(), stream.changesApplied(), live && stream.live() && lag < settings.caughtUpLagMs(), null, System.currentTimeMillis());
    }

    void save() {
        try (Connection c = db.connect("control")) {
            SessionStore.save(c, record);
        } catch (SQLException e) {
            throw new ZdmException(ErrorCode.CONNECTION_LOST, "cannot record sync session " + record.slot() + ": " + e.getMessage(), record.slot(),
                    e.getSQLState(), e);
        }
    }

    // for Turning: the parts of the session a change of direction needs
    DbTarget db() {
        return db;
    }

    SessionSettings settings() {
        return settings;
    }

    Applier applier() {
        return stream.applier();
    }

    void record(SessionRecord next) {
        record = next;
    }

    SessionListener listener() {
        return listener;
    }

    void progress(String phaseId, String message) {
        listener.progress(record.spec().migrationId(), phaseId, message, stream.changesApplied(), null);
    }
}

package dev.zdm.sync.session;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.sync.apply.Applier;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.cdc.Capture;
import dev.zdm.sync.cdc.CaptureSettings;
import dev.zdm.sync.cdc.CapturedEvent;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.lag.Markers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's stream: the capture engine, the applier it feeds, the markers that measure it and the
 * probe that emits them. The capture applies on its own thread; a capture that ends by itself for a
 * retriable reason (a lost connection) is restarted from its stored offsets on the session's thread,
 * with backoff; any other end is handed to {@code fatal}.
 */
final class Streaming {
    private static final Logger LOG = LoggerFactory.getLogger(Streaming.class);
    /**
     * Restarts of a capture that ended for a retriable reason: from 0.5 s doubling to 30 s; a lost
     * database (a restart: the walsender goes, the slot stays) is waited out for the outage window,
     * other retriable ends get 20 restarts.
     */
    private static final Backoff RESTARTS = new Backoff(500, 30_000, 20, 0);

    private final DbTarget db;
    private final String slot;
    private final SessionSettings settings;
    private final SessionMeters meters;
    private final Executor control;
    private final Consumer<ZdmException> fatal;
    private final Markers markers = new Markers();
    private final StatusProbe probe;
    private final AtomicLong changesApplied = new AtomicLong();
    private volatile Capture capture;
    private volatile Applier applier;
    private volatile boolean stopped;
    private volatile int restarts;
    /** When the capture first ended since it last streamed (0: streaming); the outage window counts from here. */
    private volatile long failingSince;
    private volatile long lagBytes;
    private volatile long retainedWal;

    /**
     * @param control the session's thread, where restarts and {@code fatal} run
     * @param fatal   hears a capture end that is not to be restarted
     */
    Streaming(DbTarget db, String slot, SessionSettings settings, SessionMeters meters, Executor control, Consumer<ZdmException> fatal) {
        this.db = db;
        this.slot = slot;
        this.settings = settings;
        this.meters = meters;
        this.control = control;
        this.fatal = fatal;
        this.probe = new StatusProbe(db, slot);
    }

    /** Starts applying through {@code link} and capturing; then waits until a marker came back, so the stream is live. */
    void start(Link link) throws Exception {
        applier = new Applier(db, link, new Backoff(50, 2_000, settings.applyMaxAttempts() - 1, settings.outageWindowMs()));
        startCapture(link);
        long deadline = System.currentTimeMillis() + settings.streamStartTimeoutMs();
        while (!markers.streaming()) {
            if (!capture.running()) throw new ZdmException(ErrorCode.INTERNAL, "the capture engine of " + slot + " stopped while starting", slot);
            if (System.currentTimeMillis() > deadline) {
                throw new ZdmException(ErrorCode.CONNECTION_LOST, "the capture of " + slot + " did not stream within "
                        + settings.streamStartTimeoutMs() + " ms", slot);
            }
            emitMarker();
            Thread.sleep(200);
        }
        LOG.info("sync {} streaming ({})", slot, link.describe());
    }

    private void startCapture(Link link) {
        capture = new Capture(new CaptureSettings(db, slot, slot, List.of(link.source().displayName())), this::applyBatch, this::captureEnded);
        capture.start();
    }

    /** The capture's sink: apply the batch's changes, then settle its markers. Runs on the capture's thread. */
    private void applyBatch(List<CapturedEvent> events) {
        List<CapturedEvent.Change> changes = new ArrayList<>();
        List<CapturedEvent.Marker> seen = new ArrayList<>();
        long lastLsn = 0;
        for (CapturedEvent event : events) {
            if (event instanceof CapturedEvent.Change change) changes.add(change);
            else if (event instanceof CapturedEvent.Marker marker) seen.add(marker);
            lastLsn = Math.max(lastLsn, event.lsn());
        }
        if (!changes.isEmpty()) {
            Applier.Applied applied = applier.apply(changes);
            changesApplied.addAndGet(applied.changes().size());
            meters.applied(applied.changes(), applied.rowsWritten(), System.currentTimeMillis());
        }
        markers.changesApplied(lastLsn);
        long now = System.currentTimeMillis();
        for (CapturedEvent.Marker marker : seen) markers.applied(marker.content(), marker.lsn(), now);
        if (!seen.isEmpty()) {
            restarts = 0;
            failingSince = 0;
        }
    }

    private void captureEnded(Throwable error) {
        ZdmException failure = Errors.classify(error, slot);
        markers.interrupt(failure);
        if (stopped) return;
        control.execute(() -> restart(failure));
    }

    /**
     * Starts the capture again after {@code failure}, when the backoff allows, once the database answers:
     * while it does not (a restart, a failover), the wait goes on for the outage window without starting
     * the engine, whose own start-up check would report a refused connection as a bad configuration.
     */
    private void restart(ZdmException first) {
        ZdmException failure = first;
        while (!stopped) {
            long now = System.currentTimeMillis();
            if (failingSince == 0) failingSince = now;
            Backoff backoff = RESTARTS.withOutageWindow(settings.outageWindowMs());
            long delay = backoff.next(failure.code(), restarts + 1, now - failingSince, ThreadLocalRandom.current().nextDouble());
            if (delay < 0) {
                fatal.accept(restarts == 0 ? failure : new ZdmException(failure.code(), "the capture of " + slot + " "
                        + backoff.gaveUp(failure.code(), restarts + 1, now - failingSince) + ": " + failure.getMessage(), slot, failure.sqlState(), failure));
                return;
            }
            restarts++;
            LOG.warn("capture of {} lost ({}); restart {} in {} ms{}", slot, failure.getMessage(), restarts, delay, failure.code() == ErrorCode.CONNECTION_LOST
                    ? " (waiting for the database: " + (now - failingSince) + " ms of the " + settings.outageWindowMs() + " ms outage window)" : "");
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try (Connection probe = db.connect("probe")) {
                // the database answers: start the engine
            } catch (SQLException | RuntimeException e) {
                failure = Errors.classify(e, slot);
                continue;
            }
            if (!stopped) startCapture(applier.link());
            return;
        }
    }

    /** Emits a marker now and refreshes the WAL figures; returns the marker's sequence number. */
    long emitMarker() throws SQLException {
        Markers.Marker marker = markers.next(System.currentTimeMillis());
        try {
            StatusProbe.Wal wal = probe.emit(marker);
            lagBytes = markers.lastAppliedLsn() == 0 ? 0 : Math.max(0, wal.currentLsn() - markers.lastAppliedLsn());
            retainedWal = wal.retainedBytes();
            return marker.seq();
        } catch (SQLException e) {
            markers.abandon(marker.seq());
            throw e;
        }
    }

    /** True once every change committed before now is applied, false when {@code timeoutMs} ran out. */
    boolean awaitCaughtUp(long timeoutMs) {
        try {
            long seq = emitMarker();
            markers.whenApplied(seq).get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new ZdmException(ErrorCode.CONNECTION_LOST, "drain of " + slot + " failed: " + e.getMessage(), slot, null, e);
        }
    }

    /** Probes lag and WAL while the capture runs (the ticker's thread). */
    void tick() {
        Capture running = capture;
        if (stopped || running == null || !running.running()) return;
        try {
            emitMarker();
            meters.lag(slot, markers.lagMs(System.currentTimeMillis()), retainedWal);
        } catch (SQLException e) {
            LOG.debug("status probe of {} failed: {}", slot, e.toString());
        }
    }

    /** Stops the capture (offsets of what was applied are kept) and releases the connections. Idempotent. */
    void stop(Throwable cause) {
        stopped = true;
        markers.fail(cause);
        Capture running = capture;
        if (running != null) running.stop();
        if (applier != null) applier.close();
        probe.close();
        meters.remove(slot);
    }

    Applier applier() {
        return applier;
    }

    boolean live() {
        return markers.streaming();
    }

    long lagMs() {
        return markers.lagMs(System.currentTimeMillis());
    }

    long lagBytes() {
        return lagBytes;
    }

    long retainedWal() {
        return retainedWal;
    }

    long changesApplied() {
        return changesApplied.get();
    }
}

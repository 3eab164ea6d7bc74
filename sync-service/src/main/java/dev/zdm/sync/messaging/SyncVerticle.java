package dev.zdm.sync.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.SyncCommand;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.db.TargetPools;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.kafka.Envelope;
import dev.zdm.runtime.kafka.EventConsumer;
import dev.zdm.sync.SyncConfig;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.session.SessionListener;
import dev.zdm.sync.session.SessionMeters;
import dev.zdm.sync.session.SyncReport;
import dev.zdm.sync.session.SyncRequest;
import dev.zdm.sync.session.SyncSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync service process. At start-up it resumes the syncs its targets record as running, then
 * consumes {@code SyncCommand}s (a consumer group, one command at a time per migration) and answers
 * each with a {@code SyncStatus}; publishes every running sync's status each interval; stops a
 * migration's sync on an operator's CANCEL; and inspects zdm's slots for retained WAL and orphans
 * ({@link SlotHygiene}). Blocking work runs on the sessions' threads, never on the event loop.
 */
public final class SyncVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SyncVerticle.class);
    private final Platform platform;
    private final SyncConfig config;
    private TargetPools pools;
    private SyncSessions sessions;
    private SlotHygiene hygiene;
    private EventConsumer commands;
    private EventConsumer control;
    private long statusTimer;

    public SyncVerticle(Platform platform, SyncConfig config) {
        this.platform = platform;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pools = new TargetPools(vertx, platform.config().targets(), "zdm-sync");
        Map<String, DbTarget> targets = new LinkedHashMap<>();
        platform.config().targets().forEach((name, target) -> targets.put(name, DbTarget.of(target)));
        sessions = new SyncSessions(targets, config.sessions(), new Publishing(), new SessionMeters(platform.registry()));
        hygiene = new SlotHygiene(vertx, pools, platform, config).start();
        // commands are taken only once the recorded syncs are back, so a command never races its own sync's resumption
        vertx.executeBlocking(() -> {
            for (String target : targets.keySet()) {
                List<SyncReport> resumed = sessions.restore(target);
                if (!resumed.isEmpty()) LOG.info("resumed {} sync(s) on {}", resumed.size(), target);
            }
            return null;
        }, false).onComplete(v -> consume());
        return Future.succeededFuture();
    }

    private void consume() {
        var topics = platform.config().topics();
        commands = new EventConsumer("sync-commands", platform.config().kafkaBootstrap(), config.groupId(), List.of(topics.syncCommands()),
                platform.codec(), platform.publisher(), vertx, platform.registry(), this::onCommand)
                .outageWindow(platform.config().outageWindowMs()).start();
        control = EventConsumer.broadcast("sync-control", platform.config().kafkaBootstrap(), platform.config().instanceId(),
                List.of(topics.control()), platform.codec(), platform.publisher(), vertx, platform.registry(), this::onControl)
                .outageWindow(platform.config().outageWindowMs()).start();
        platform.health().register("sync.commands", commands::healthy);
        platform.health().register("sync.control", control::healthy);
        statusTimer = vertx.setPeriodic(config.sessions().statusIntervalMs(), id -> sessions.reports().forEach(this::publishStatus));
    }

    private Future<Void> onCommand(Envelope envelope) {
        if (!(envelope.event() instanceof SyncCommand command)) {
            return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, envelope.position() + " is not a SyncCommand"));
        }
        SyncRequest request;
        try {
            request = SyncEvents.toRequest(command);
        } catch (ZdmException | NullPointerException e) {
            return Future.failedFuture(e instanceof ZdmException z ? z : new ZdmException(ErrorCode.INVALID_REQUEST,
                    envelope.position() + " is missing a field: " + e.getMessage()));
        }
        LOG.info("{} sync {} ({})", request.migrationId(), request.getClass().getSimpleName().toUpperCase(), request.phaseId());
        return Future.fromCompletionStage(sessions.handle(request), vertx.getOrCreateContext())
                .compose(report -> {
                    if (report.error() != null) LOG.warn("{} sync {} answered FAILED: {}", report.migrationId(), request.phaseId(), report.error());
                    else LOG.info("{} sync {} answered {}", report.migrationId(), request.phaseId(), report.state());
                    publishProgress(report);
                    return publishStatus(report);
                });
    }

    /** Every instance sees every control command; a CANCEL stops the migration's sync here if it runs here. */
    private Future<Void> onControl(Envelope envelope) {
        if (!(envelope.event() instanceof ControlCommand command) || !"CANCEL".equals(command.getAction())) return Future.succeededFuture();
        var running = sessions.session(command.getMigrationId());
        if (running == null) return Future.succeededFuture();
        envelope.signer(platform.config().tokens(), Role.OPERATOR);
        LOG.info("{} cancelled: stopping its sync", command.getMigrationId());
        var stop = new SyncRequest.Stop(command.getMigrationId(), running.spec().target(), running.report().phaseId());
        return Future.fromCompletionStage(sessions.handle(stop), vertx.getOrCreateContext()).compose(this::publishStatus);
    }

    private Future<Void> publishStatus(SyncReport report) {
        return platform.publisher().publish(platform.config().topics().syncStatus(), report.migrationId(), SyncEvents.toStatus(report)).mapEmpty();
    }

    private void publishProgress(SyncReport report) {
        platform.publisher().publish(platform.config().topics().progress(), report.migrationId(), SyncEvents.toProgress(report))
                .onFailure(e -> LOG.warn("progress of {} not published: {}", report.migrationId(), e.toString()));
    }

    /**
     * Publishes what sessions report outside commands (copy begun, capture failed, resumed), and copy
     * and verify progress at most once per status interval per migration. Called on any thread.
     */
    private final class Publishing implements SessionListener {
        private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();

        @Override
        public void report(SyncReport report) {
            publishStatus(report).onFailure(e -> LOG.warn("status of {} not published: {}", report.migrationId(), e.toString()));
            publishProgress(report);
        }

        @Override
        public void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
            long now = System.currentTimeMillis();
            Long last = lastProgress.get(migrationId);
            if (last != null && now - last < config.sessions().statusIntervalMs()) return;
            lastProgress.put(migrationId, now);
            platform.publisher().publish(platform.config().topics().progress(), migrationId,
                    SyncEvents.toProgress(migrationId, phaseId, message, rowsDone, rowsTotal))
                    .onFailure(e -> LOG.warn("progress of {} not published: {}", migrationId, e.toString()));
        }
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(statusTimer);
        platform.health().unregister("sync.commands");
        platform.health().unregister("sync.control");
        hygiene.stop();
        return vertx.executeBlocking(() -> {
            if (commands != null) commands.close();
            if (control != null) control.close();
            sessions.close();
            return null;
        }, false).compose(v -> pools.closeAll());
    }
}

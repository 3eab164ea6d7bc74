package dev.zdm.planner.orchestrate;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.MigrationRequested;
import dev.zdm.events.Phase;
import dev.zdm.events.PhaseResult;
import dev.zdm.events.SyncStatus;
import dev.zdm.planner.catalog.CatalogReader;
import dev.zdm.planner.orchestrate.MigrationState.PhaseState;
import dev.zdm.runtime.kafka.EventPublisher;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.messaging.Progress;
import dev.zdm.runtime.messaging.Topics;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner's saga for requests, phase results and deployments: plans, records state, then publishes
 * one phase command at a time. Runs on one Vert.x context; every state move is a conditional update,
 * so a duplicate event is a no-op. Control commands are in {@link Controls}.
 */
public final class Orchestrator {
    static final String SOURCE = "planner";
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private final Stores stores;
    private final EventPublisher publisher;
    private final Topics topics;
    private final Planning planning;
    private final long redispatchAfterMs;

    /** @param redispatchAfterMs how long a phase in flight may go without a live lease before its command is published again */
    public Orchestrator(Stores stores, EventPublisher publisher, Topics topics, Planning planning, long redispatchAfterMs) {
        this.stores = stores;
        this.publisher = publisher;
        this.topics = topics;
        this.planning = planning;
        this.redispatchAfterMs = redispatchAfterMs;
    }

    /** Plans and starts a requested migration; rejects it (event + record) when it is invalid. */
    public Future<Void> onRequest(MigrationRequested request) {
        String id = request.getMigrationId();
        if (!stores.knows(request.getTarget())) {
            return reject(request, new ZdmException(ErrorCode.UNKNOWN_TARGET, "target '" + request.getTarget()
                    + "' is not configured on this planner (configured: " + String.join(", ", stores.targetNames()) + ")", request.getSource()));
        }
        MigrationStore store = stores.store(request.getTarget());
        return stores.ready(request.getTarget())
                .compose(v -> store.load(id))
                .compose(existing -> {
                    if (existing == null) return plan(request, store);
                    stores.remember(id, existing.target());
                    return store.requestedSql(id).compose(sql -> java.util.Objects.equals(sql, request.getSql())
                            ? again(store, existing) : refuseOtherSql(request, existing));
                });
    }

    /** The same request again (re-delivered, or resubmitted): its end told again, or the migration resumed. */
    private Future<Void> again(MigrationStore store, MigrationState existing) {
        if (existing.terminal()) return announceEnd(store, existing);
        LOG.info("migration {} requested again; it is {}: resuming it where it stands", existing.migrationId(), existing.status());
        return advance(existing);
    }

    /**
     * A request that reuses an existing migration's id with other SQL: refused, so the submitter knows
     * at once; the existing migration is left as it is.
     */
    private Future<Void> refuseOtherSql(MigrationRequested request, MigrationState existing) {
        String id = request.getMigrationId();
        ZdmException refused = new ZdmException(ErrorCode.INVALID_REQUEST, "migration " + id + " already exists (" + existing.status()
                + ") with other SQL; this request is refused and that migration is left as it is: submit under a new id", request.getSource());
        LOG.warn("request for {} refused: {}", id, refused.getMessage());
        return publisher.publish(topics.migrationPlans(), id, PlannerEvents.rejected(request, refused))
                .compose(x -> progress(id, "REJECTED", refused.toString(), -1, 0, null));
    }

    private Future<Void> plan(MigrationRequested request, MigrationStore store) {
        return CatalogReader.read(stores.pool(request.getTarget()))
                .compose(catalog -> {
                    Planning.Result result;
                    try {
                        result = planning.plan(request.getSource(), request.getSql(), catalog);
                        TargetPolicy.check(request.getTarget(), result.statements(), stores.config(request.getTarget()).allow());
                    } catch (ZdmException e) {
                        return store.insertRejected(request, e.code().code(), e.getMessage()).compose(v -> reject(request, e));
                    } catch (RuntimeException e) {
                        // planning is pure: trying again fails the same way, and the submitter would wait for nothing
                        LOG.error("planning {} failed unexpectedly", request.getMigrationId(), e);
                        ZdmException defect = new ZdmException(ErrorCode.INTERNAL, "zdm could not plan this migration (a defect in zdm, "
                                + "please report it with the migration): " + e, request.getSource());
                        return store.insertRejected(request, defect.code().code(), defect.getMessage()).compose(v -> reject(request, defect));
                    }
                    return start(request, store, result);
                });
    }

    private Future<Void> start(MigrationRequested request, MigrationStore store, Planning.Result result) {
        String id = request.getMigrationId();
        var planned = PlannerEvents.planned(request, result);
        return store.insert(request, planned, result.tables())
                .transform(ar -> ar.failed() && ar.cause() instanceof ZdmException z && z.code() == ErrorCode.NOT_ALLOWED
                        // another migration holds a table: refused and answered, nothing inserted
                        ? store.insertRejected(request, z.code().code(), z.getMessage()).compose(v -> reject(request, z)).map((Boolean) null)
                        : ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.<Boolean>failedFuture(ar.cause()))
                .compose(inserted -> {
                    if (inserted == null) return Future.succeededFuture();
                    stores.remember(id, request.getTarget());
                    if (!inserted) {
                        LOG.info("migration {} requested again; resuming it where it stands", id);
                        return store.load(id).compose(this::advance);
                    }
                    LOG.info("migration {} planned on {}: strategy {}, {} phases, zero-downtime {}", id, request.getTarget(),
                            result.recommendedStrategy(), result.plan().phases().size(), result.requiresZeroDowntime());
                    return store.history(id, null, "PLANNED", result.recommendedStrategy())
                            .compose(x -> publisher.publish(topics.migrationPlans(), id, planned))
                            .compose(x -> progress(id, "PLANNED", result.plan().phases().size() + " phases, strategy "
                                    + result.recommendedStrategy(), -1, result.plan().phases().size(), null))
                            .compose(x -> store.load(id)).compose(this::advance);
                });
    }

    /**
     * A request for a migration that has ended (re-delivered, or its first announcement was lost to a
     * failed publish): tells its end again, so whoever follows it sees a final state.
     */
    private Future<Void> announceEnd(MigrationStore store, MigrationState s) {
        LOG.info("migration {} requested again; it has ended {}: announcing that again", s.migrationId(), s.status());
        int phases = s.plan() == null ? 0 : s.phaseCount();
        return store.endReason(s.migrationId()).compose(reason -> progress(s.migrationId(), s.status(),
                (reason == null ? "ended " + s.status() : reason) + " (requested again)", -1, phases, null));
    }

    private Future<Void> reject(MigrationRequested request, ZdmException error) {
        LOG.warn("migration {} rejected: {}", request.getMigrationId(), error.toString());
        return publisher.publish(topics.migrationPlans(), request.getMigrationId(), PlannerEvents.rejected(request, error))
                .compose(x -> progress(request.getMigrationId(), "REJECTED", error.toString(), -1, 0, null));
    }

    /** Moves the migration forward from where it stands: dispatch, wait for a deployment, or complete. */
    public Future<Void> advance(MigrationState s) {
        if (s == null || s.terminal() || s.plan() == null || s.status().equals(MigrationState.FAILED)
                || s.status().equals(MigrationState.ROLLING_BACK)) {
            return Future.succeededFuture();
        }
        MigrationStore store = stores.store(s.target());
        PhaseState next = s.phases().stream().filter(p -> !p.status().equals(PhaseState.COMPLETED)).findFirst().orElse(null);
        if (next == null) {
            LOG.info("migration {} completed: {} phases", s.migrationId(), s.phaseCount());
            return store.setMigration(s.migrationId(), MigrationState.COMPLETED, s.phaseCount(), null, null)
                    .compose(x -> store.history(s.migrationId(), null, "COMPLETED", ""))
                    .compose(x -> progress(s.migrationId(), "COMPLETED", "all " + s.phaseCount() + " phases done", -1, s.phaseCount(), null));
        }
        if (s.paused()) return Future.succeededFuture();
        Phase phase = s.phase(next.index());
        return switch (next.status()) {
            case PhaseState.PENDING, "WAITING_DEPLOYMENT" -> phase.getKind().equals("APP") ? gate(s, next, phase) : dispatch(s, next, Map.of());
            case PhaseState.DISPATCHED -> redispatchIfOrphaned(s, next, "FORWARD");
            default -> Future.succeededFuture();
        };
    }

    private Future<Void> gate(MigrationState s, PhaseState next, Phase phase) {
        MigrationStore store = stores.store(s.target());
        String service = phase.getWaitsFor().getService();
        String version = phase.getWaitsFor().getVersion();
        return store.deployed(s.migrationId(), service, version).compose(live -> {
            if (live) {
                return store.movePhase(s.migrationId(), next.index(), next.status(), PhaseState.COMPLETED, -1, 0, null)
                        .compose(moved -> !moved ? Future.<Void>succeededFuture() : store.history(s.migrationId(), next.index(), "DEPLOYED", service + "@" + version)
                                .compose(x -> progress(s.migrationId(), "RUNNING", "deployment " + service + "@" + version + " is live: "
                                        + phase.getName() + " done", next.index(), s.phaseCount(), phase))
                                .compose(x -> stores.store(s.target()).load(s.migrationId())).compose(this::advance));
            }
            if (next.status().equals("WAITING_DEPLOYMENT")) return Future.succeededFuture();
            LOG.info("migration {} waits for deployment {}@{} ({})", s.migrationId(), service, version, phase.getName());
            return store.movePhase(s.migrationId(), next.index(), PhaseState.PENDING, "WAITING_DEPLOYMENT", -1, 0, null)
                    .compose(moved -> store.setMigration(s.migrationId(), MigrationState.WAITING_DEPLOYMENT, next.index(), null, null))
                    .compose(x -> progress(s.migrationId(), "WAITING_DEPLOYMENT", "waiting for " + service + "@" + version
                            + " (" + phase.getName() + ")", next.index(), s.phaseCount(), phase));
        });
    }

    /** Records the phase as dispatched (attempt + 1), then publishes its command. */
    Future<Void> dispatch(MigrationState s, PhaseState phase, Map<String, String> options) {
        MigrationStore store = stores.store(s.target());
        return store.movePhase(s.migrationId(), phase.index(), phase.status(), PhaseState.DISPATCHED, phase.attempt(), 0, null)
                .compose(moved -> {
                    if (!moved) return Future.<Void>succeededFuture();
                    return store.setMigration(s.migrationId(), MigrationState.RUNNING, phase.index(), null, null)
                            .compose(x -> store.history(s.migrationId(), phase.index(), "DISPATCHED", "attempt " + (phase.attempt() + 1)))
                            .compose(x -> publishCommand(s, phase.index(), phase.attempt() + 1, "FORWARD", options))
                            // QUEUED until an executor takes its lease and says RUNNING: a command may wait behind another in its partition
                            .compose(x -> progress(s.migrationId(), "QUEUED", "phase " + s.phase(phase.index()).getName() + " dispatched (attempt "
                                    + (phase.attempt() + 1) + "): waiting for an executor", phase.index(), s.phaseCount(), s.phase(phase.index())));
                });
    }

    /**
     * A phase in flight is dispatched again only when nobody runs it: no executor has held its lease
     * within the re-dispatch delay (it died, or the command was lost), and no other planner re-dispatched
     * it meanwhile. Never just because this planner started: a phase whose executor is alive is left to it.
     */
    Future<Void> redispatchIfOrphaned(MigrationState s, PhaseState phase, String direction) {
        String status = direction.equals("ROLLBACK") ? PhaseState.ROLLING_BACK : PhaseState.DISPATCHED;
        return stores.store(s.target()).takeRedispatch(s.migrationId(), phase.index(), status, phase.attempt(), redispatchAfterMs)
                .compose(orphaned -> {
                    if (!orphaned) return Future.<Void>succeededFuture();
                    LOG.info("migration {} phase {} ({}) attempt {}: no executor has held it for {} ms; dispatching it again", s.migrationId(),
                            s.phase(phase.index()).getPhaseId(), direction, phase.attempt(), redispatchAfterMs);
                    return publishCommand(s, phase.index(), phase.attempt(), direction, Map.of());
                });
    }

    /** Every phase in flight checked for a command nobody runs (see {@link #redispatchIfOrphaned}): on a timer. */
    public Future<Void> recheck() {
        return stores.forEachTarget(store -> store.inFlight().compose(ids -> {
            Future<Void> chain = Future.succeededFuture();
            for (String id : ids) {
                chain = chain.compose(x -> store.load(id)).compose(s -> {
                    if (s == null || s.terminal() || s.paused()) return Future.<Void>succeededFuture();
                    stores.remember(id, s.target());
                    Optional<PhaseState> flight = s.phases().stream()
                            .filter(p -> p.status().equals(PhaseState.DISPATCHED) || p.status().equals(PhaseState.ROLLING_BACK)).findFirst();
                    if (flight.isEmpty()) return Future.<Void>succeededFuture();
                    if (flight.get().status().equals(PhaseState.ROLLING_BACK)) {
                        return s.status().equals(MigrationState.ROLLING_BACK) ? redispatchIfOrphaned(s, flight.get(), "ROLLBACK") : Future.<Void>succeededFuture();
                    }
                    return s.status().equals(MigrationState.RUNNING) ? redispatchIfOrphaned(s, flight.get(), "FORWARD") : Future.<Void>succeededFuture();
                });
            }
            return chain;
        }));
    }

    Future<Void> publishCommand(MigrationState s, int index, int attempt, String direction, Map<String, String> options) {
        return publisher.publish(topics.phaseCommands(), s.migrationId(), PlannerEvents.command(s, index, attempt, direction, options)).mapEmpty();
    }

    /** Records a phase's outcome (once) and moves the migration on. */
    public Future<Void> onResult(PhaseResult result) {
        String id = result.getMigrationId();
        return stores.find(id).compose(s -> {
            if (s == null) {
                return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, "phase result for unknown migration " + id));
            }
            if (result.getDirection().equals("ROLLBACK")) return new Controls(stores, this).onRollbackResult(s, result);
            MigrationStore store = stores.store(s.target());
            boolean ok = result.getStatus().equals("COMPLETED");
            String error = result.getError() == null ? null : result.getError().getCode() + ": " + result.getError().getMessage();
            return store.movePhase(id, result.getPhaseIndex(), PhaseState.DISPATCHED, ok ? PhaseState.COMPLETED : PhaseState.FAILED,
                            result.getAttempt(), result.getRowsAffected(), error)
                    .compose(moved -> {
                        if (!moved) {
                            LOG.debug("ignoring duplicate or stale result of {} phase {} attempt {}", id, result.getPhaseIndex(), result.getAttempt());
                            return Future.<Void>succeededFuture();
                        }
                        Phase phase = s.phase(result.getPhaseIndex());
                        if (!ok) return failed(s, result, phase, error);
                        LOG.info("migration {} phase {} ({}) completed in {} ms, {} rows", id, phase.getPhaseId(), phase.getName(),
                                result.getDurationMs(), result.getRowsAffected());
                        return store.history(id, result.getPhaseIndex(), "COMPLETED", result.getRowsAffected() + " rows")
                                .compose(x -> progress(id, "RUNNING", "phase " + phase.getName() + " completed",
                                        result.getPhaseIndex(), s.phaseCount(), phase))
                                .compose(x -> store.load(id)).compose(this::advance);
                    });
        });
    }

    private Future<Void> failed(MigrationState s, PhaseResult result, Phase phase, String error) {
        MigrationStore store = stores.store(s.target());
        LOG.warn("migration {} failed in phase {} ({}): {}", s.migrationId(), phase.getPhaseId(), phase.getName(), error);
        return store.setMigration(s.migrationId(), MigrationState.FAILED, result.getPhaseIndex(),
                        result.getError() == null ? ErrorCode.INTERNAL.code() : result.getError().getCode(), error)
                .compose(x -> store.history(s.migrationId(), result.getPhaseIndex(), "FAILED", error))
                .compose(x -> progress(s.migrationId(), "FAILED", "phase " + phase.getName() + " failed: " + error
                        + " (resume retries it, rollback undoes completed phases)", result.getPhaseIndex(), s.phaseCount(), phase));
    }

    /**
     * A sync that dies on its own while its migration waits for a deployment: nothing keeps the new
     * shape in step any more, and no step is there to hear it, so the migration fails at once with the
     * sync's error instead of at its next phase. A failure while a phase runs is that phase's to report.
     */
    public Future<Void> onSyncStatus(SyncStatus status) {
        if (!"FAILED".equals(status.getState())) return Future.succeededFuture();
        return stores.find(status.getMigrationId()).compose(s -> {
            if (s == null || !s.status().equals(MigrationState.WAITING_DEPLOYMENT)) return Future.succeededFuture();
            MigrationStore store = stores.store(s.target());
            String code = status.getError() == null ? ErrorCode.INTERNAL.code() : status.getError().getCode();
            String error = "the sync" + (status.getSlotName() == null ? "" : " (" + status.getSlotName() + ")") + " failed while the migration waited for a deployment: "
                    + (status.getError() == null ? "no reason given" : status.getError().getCode() + ": " + status.getError().getMessage())
                    + "; nothing keeps the new shape in step: roll the migration back (its completed phases are undone)";
            LOG.warn("migration {} failed: {}", s.migrationId(), error);
            return store.setMigration(s.migrationId(), MigrationState.FAILED, s.currentPhase(), code, error)
                    .compose(x -> store.history(s.migrationId(), s.currentPhase(), "FAILED", error))
                    .compose(x -> progress(s.migrationId(), "FAILED", error, s.currentPhase(), s.phaseCount(), s.phase(s.currentPhase())));
        });
    }

    /** Remembers the deployment and releases every phase that waited for it. */
    public Future<Void> onDeployment(DeploymentEvent event) {
        LOG.info("deployment {}@{} is live", event.getService(), event.getVersion());
        return stores.forEachTarget(store -> store.recordDeployment(event.getService(), event.getVersion(), event.getDeployedAt())
                .compose(x -> store.waitingFor(event.getService(), event.getVersion()))
                .compose(ids -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (String id : ids) chain = chain.compose(x -> store.load(id)).compose(this::advance);
                    return chain;
                }));
    }

    /** Moves every unfinished migration on (a phase in flight only when nobody runs it) and re-checks every gate: at start-up. */
    public Future<Void> resumeAll() {
        return stores.forEachTarget(store -> store.unfinished().compose(ids -> {
            Future<Void> chain = Future.succeededFuture();
            for (String id : ids) {
                chain = chain.compose(x -> store.load(id)).compose(s -> {
                    stores.remember(id, s.target());
                    LOG.info("resuming migration {} ({}, phase {})", id, s.status(), s.currentPhase());
                    return s.status().equals(MigrationState.ROLLING_BACK) ? new Controls(stores, this).rollbackNext(s) : advance(s);
                });
            }
            return chain;
        }));
    }

    Future<Void> progress(String id, String state, String message, int phaseIndex, int phaseCount, Phase phase) {
        var event = Progress.of(id, state, message, SOURCE).setPhaseIndex(phaseIndex).setPhaseCount(phaseCount);
        if (phase != null) event.setPhaseId(phase.getPhaseId()).setPhaseName(phase.getName());
        return publisher.publish(topics.progress(), id, event.build()).mapEmpty();
    }

    static ZdmException notAllowed(String message) {
        return new ZdmException(ErrorCode.NOT_ALLOWED, message);
    }

    static String describe(Throwable t) {
        return Errors.classify(t, null).toString();
    }
}

package dev.zdm.executor.messaging;

import dev.zdm.domain.error.Backoff;
import dev.zdm.executor.batch.Fence;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Phase;
import dev.zdm.events.CircuitBreakerEvent;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.PhaseCommand;
import dev.zdm.events.PhaseResult;
import dev.zdm.events.SyncStatus;
import dev.zdm.executor.ExecutorConfig;
import dev.zdm.executor.gate.BreakerBoard;
import dev.zdm.executor.step.BackfillStepRunner;
import dev.zdm.executor.step.CopyStepRunner;
import dev.zdm.executor.step.FlagStepRunner;
import dev.zdm.executor.step.IndexStepRunner;
import dev.zdm.executor.step.PhaseControl;
import dev.zdm.executor.step.PhaseRunner;
import dev.zdm.executor.step.Retrying;
import dev.zdm.executor.step.SqlStepRunner;
import dev.zdm.executor.step.StepContext;
import dev.zdm.executor.step.SyncAwaits;
import dev.zdm.executor.step.SyncStepRunner;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.db.TargetPools;
import dev.zdm.runtime.kafka.Envelope;
import dev.zdm.runtime.kafka.EventConsumer;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.messaging.PhaseMapper;
import dev.zdm.runtime.messaging.Progress;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor service: runs each {@link PhaseCommand} and publishes its {@link PhaseResult}; applies
 * operators' control commands to the phases it is running.
 */
public final class ExecutorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorVerticle.class);
    private static final String SOURCE = "executor";
    private final Platform platform;
    private final ExecutorConfig config;
    private final Map<String, PhaseControl> running = new ConcurrentHashMap<>();
    private Heartbeat heartbeat;
    private long heartbeatTimer;
    private EventConsumer commands;
    private EventConsumer control;
    private EventConsumer breakers;
    private final BreakerBoard board = new BreakerBoard();
    private final SyncAwaits syncAwaits = new SyncAwaits();
    private StoredPlanCheck storedPlans;
    private EventConsumer syncStatus;
    private TargetPools pools;
    private PhaseRunner runner;
    private PhaseLeases leases;
    private long leaseTimer;

    public ExecutorVerticle(Platform platform, ExecutorConfig config) {
        this.platform = platform;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pools = new TargetPools(vertx, platform.config().targets(), "zdm-executor");
        storedPlans = new StoredPlanCheck(platform.codec());
        Retrying retrying = new Retrying(new Backoff(config.retryFirstDelayMs(), config.retryMaxDelayMs(), config.ddlMaxAttempts() - 1,
                platform.config().outageWindowMs()));
        runner = new PhaseRunner(new SqlStepRunner(retrying, config.statementTimeoutMs()), new IndexStepRunner(retrying),
                new FlagStepRunner(), new BackfillStepRunner(board, platform.registry(), platform.config().outageWindowMs()),
                new SyncStepRunner(platform.publisher(), platform.config().topics().syncCommands(), syncAwaits, config.syncTimeoutMs()),
                new CopyStepRunner(retrying, board));
        var topics = platform.config().topics();
        commands = new EventConsumer("executor-commands", platform.config().kafkaBootstrap(), config.groupId(),
                List.of(topics.phaseCommands()), platform.codec(), platform.publisher(), vertx, platform.registry(), this::onCommand)
                .stuckAfter(config.stuckAfterMs()).outageWindow(platform.config().outageWindowMs())
                .onRevoked((topic, partition) -> vertx.runOnContext(v -> heartbeat.on(topic, partition).forEach(h -> {
                    LOG.info("{} phase {}: partition {}-{} moved to another worker; handing the phase over", h.command().getMigrationId(),
                            h.command().getPhase().getPhaseId(), topic, partition);
                    h.control().handOver();
                })));
        heartbeat = new Heartbeat(commands, pools, this::publishProgress);
        commands.start();
        heartbeatTimer = vertx.setPeriodic(config.heartbeatMs(), t -> heartbeat.beat());
        leases = new PhaseLeases(platform.config().instanceId() + "/" + java.util.UUID.randomUUID().toString().substring(0, 8), config.leaseTtlMs());
        leaseTimer = vertx.setPeriodic(Math.max(100, config.leaseTtlMs() / 3), t -> renewLeases());
        control = EventConsumer.broadcast("executor-control", platform.config().kafkaBootstrap(), platform.config().instanceId(),
                List.of(topics.control()), platform.codec(), platform.publisher(), vertx, platform.registry(), this::onControl)
                .outageWindow(platform.config().outageWindowMs()).start();
        breakers = EventConsumer.broadcast("executor-breakers", platform.config().kafkaBootstrap(), platform.config().instanceId(),
                List.of(topics.breaker()), platform.codec(), platform.publisher(), vertx, platform.registry(), this::onBreaker)
                .outageWindow(platform.config().outageWindowMs()).start();
        syncStatus = EventConsumer.broadcast("executor-sync-status", platform.config().kafkaBootstrap(), platform.config().instanceId(),
                List.of(topics.syncStatus()), platform.codec(), platform.publisher(), vertx, platform.registry(), e -> {
                    if (e.event() instanceof SyncStatus s) syncAwaits.offer(s);
                    return Future.succeededFuture();
                }).start();
        platform.health().registerProblem("executor.commands", commands::problem);
        platform.health().register("executor.control", control::healthy);
        return seedBreakers();
    }

    /** Breaker events only tell changes: start from the state each target's control schema holds. */
    private Future<Void> seedBreakers() {
        Future<Void> chain = Future.succeededFuture();
        for (String target : pools.targets().keySet()) {
            chain = chain.compose(v -> pools.ready(target))
                    .compose(v -> pools.pool(target).query("SELECT breaker_name, target, state, coalesce(last_reason, ''), "
                            + "(extract(epoch FROM updated_at) * 1000)::bigint FROM zdm._migration_circuit_breakers").execute())
                    .map(rows -> {
                        rows.forEach(r -> board.update(r.getString(0), r.getString(1).isEmpty() ? target : r.getString(1),
                                r.getString(2), r.getString(3), r.getLong(4)));
                        return (Void) null;
                    })
                    .recover(e -> {
                        LOG.warn("cannot read breaker state of {}: {}; starting with none known", target, e.toString());
                        return Future.succeededFuture();
                    });
        }
        return chain;
    }

    private Future<Void> onBreaker(Envelope envelope) {
        if (envelope.event() instanceof CircuitBreakerEvent e) {
            board.update(e.getBreakerName(), e.getTarget(), e.getState(), e.getReason(), e.getAt().toEpochMilli());
            LOG.info("breaker {} ({}) is {}: {}", e.getBreakerName(), e.getTarget(), e.getState(), e.getReason());
        }
        return Future.succeededFuture();
    }

    private Future<Void> onCommand(Envelope envelope) {
        if (!(envelope.event() instanceof PhaseCommand command)) {
            return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, envelope.position() + " is not a PhaseCommand"));
        }
        long started = System.currentTimeMillis();
        Phase phase;
        try {
            phase = PhaseMapper.fromEvent(command.getPhase());
            pools.config(command.getTarget());
        } catch (ZdmException e) {
            return publishResult(command, 0, e, started);
        }
        return pools.ready(command.getTarget())
                .compose(v -> storedPlans.check(pools.pool(command.getTarget()), command))
                .compose(v -> run(envelope, command, phase, started));
    }

    /**
     * Runs the command only when this executor takes the phase's lease: a phase another executor runs
     * (a re-delivery after a rebalance, a joining worker, a duplicate) or that is no longer the one
     * dispatched (finished, superseded) is acknowledged and left alone.
     */
    private Future<Void> run(Envelope envelope, PhaseCommand command, Phase phase, long started) {
        String id = command.getMigrationId();
        PhaseControl mine = running.get(id);
        if (mine != null) {
            LOG.info("{} phase {} {} attempt {}: already running here; this copy of the command is skipped", id, phase.id(),
                    command.getDirection(), command.getAttempt());
            return Future.succeededFuture();
        }
        return leases.acquire(pools.pool(command.getTarget()), command).compose(outcome -> {
            if (outcome instanceof PhaseLeases.Outcome.Elsewhere elsewhere) {
                LOG.info("{} phase {} {} attempt {} not run here: {}", id, phase.id(), command.getDirection(), command.getAttempt(), elsewhere.why());
                return Future.<Void>succeededFuture();
            }
            Fence fence = ((PhaseLeases.Outcome.Taken) outcome).fence();
            PhaseControl handle = new PhaseControl();
            handle.fence(fence);
            if (running.putIfAbsent(id, handle) != null) return Future.<Void>succeededFuture();
            return runHeld(envelope, command, phase, started, handle);
        });
    }

    private Future<Void> runHeld(Envelope envelope, PhaseCommand command, Phase phase, long started, PhaseControl handle) {
        String id = command.getMigrationId();
        heartbeat.started(envelope, command, handle);
        publishProgress(command, StepContext.StepProgress.of("RUNNING", "phase " + phase.name() + " started on " + handle.fence().owner()
                + (command.getDirection().equals("ROLLBACK") ? " (undo)" : "")));
        LOG.info("{} phase {} ({}) {} attempt {}: {} steps", id, phase.id(), phase.name(), command.getDirection(), command.getAttempt(),
                command.getDirection().equals("ROLLBACK") ? phase.rollback().size() : phase.steps().size());
        StepContext ctx = new StepContext(vertx, pools.pool(command.getTarget()), id, command.getTarget(), phase,
                command.getDirection(), command.getOptions(), handle, p -> publishProgress(command, p));
        return runner.run(ctx)
                .transform(ar -> finish(command, handle, ar.succeeded() ? ar.result() : 0,
                        ar.succeeded() ? null : Errors.classify(ar.cause(), phase.id()), started))
                .onComplete(x -> {
                    running.remove(id, handle);
                    heartbeat.ended(command);
                });
    }

    /**
     * Publishes the result only while the lease is still this run's, then gives the lease back. A run
     * that lost its lease (taken over, or the migration ended) ends without a result: the phase is
     * someone else's, and a stale result must never overwrite theirs. When the lease cannot be read
     * (the database is gone past the outage window) the result is published: the lease was this run's
     * when last seen, and the planner records one result per attempt.
     */
    private Future<Void> finish(PhaseCommand command, PhaseControl handle, long rows, ZdmException error, long started) {
        String id = command.getMigrationId();
        Fence fence = handle.fence();
        var pool = pools.pool(command.getTarget());
        Future<Boolean> ours = handle.lostLeaseSeen() ? Future.succeededFuture(false) : leases.holds(pool, id, fence).otherwise(true);
        if (handle.handingOver()) {
            LOG.info("{} phase {} {} attempt {} handed over at its next step or batch: lease {} given back, no result; the planner "
                    + "dispatches it again for another executor", id, command.getPhase().getPhaseId(), command.getDirection(), command.getAttempt(), fence);
            return leases.release(pool, id, fence).otherwise(e -> null);
        }
        return ours.compose(held -> {
            if (!held) {
                LOG.warn("{} phase {} {} attempt {} lost its lease ({}): no result published; {}", id, command.getPhase().getPhaseId(),
                        command.getDirection(), command.getAttempt(), fence, error == null ? "it had completed" : "it stopped: " + error.getMessage());
                return Future.<Void>succeededFuture();
            }
            return publishResult(command, rows, error, started)
                    .compose(v -> leases.release(pool, id, fence).otherwise(e -> {
                        LOG.info("{} lease {} not given back ({}); it expires by itself", id, fence, e.toString());
                        return null;
                    }));
        });
    }

    /**
     * On shutdown: every running phase handed over (stopped at its next step or batch, lease given back,
     * no result), waiting up to 15 s for them, so a rolling restart of workers moves phases instead of
     * failing them.
     */
    private Future<Void> handOverAll() {
        if (running.isEmpty()) return Future.succeededFuture();
        LOG.info("stopping: handing over {} running phase(s)", running.size());
        running.values().forEach(PhaseControl::handOver);
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        long deadline = System.currentTimeMillis() + 15_000;
        vertx.setPeriodic(50, timer -> {
            if (running.isEmpty() || System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(timer);
                done.tryComplete();
            }
        });
        return done.future();
    }

    /** Every third of the lease's life: renew the lease of each phase this executor runs; a lease lost stops its run. */
    private void renewLeases() {
        running.forEach((id, handle) -> {
            Fence fence = handle.fence();
            if (fence == null || handle.lostLeaseSeen()) return;
            String target = heartbeat.targetOf(id);
            if (target == null) return;
            leases.renew(pools.pool(target), id, fence).onSuccess(renewed -> {
                if (!renewed && running.get(id) == handle) {
                    LOG.warn("{} lease {} is gone (taken over by another executor, or the migration ended): stopping the phase before its next write",
                            id, fence);
                    handle.lostLease();
                }
            }).onFailure(e -> LOG.debug("{} lease {} not renewed now ({}); trying again", id, fence, e.toString()));
        });
    }

    private Future<Void> publishResult(PhaseCommand command, long rows, ZdmException error, long started) {
        long duration = System.currentTimeMillis() - started;
        var phase = command.getPhase();
        if (error == null) LOG.info("{} phase {} completed in {} ms ({} rows)", command.getMigrationId(), phase.getPhaseId(), duration, rows);
        else LOG.warn("{} phase {} failed after {} ms: {}", command.getMigrationId(), phase.getPhaseId(), duration, error.toString());
        PhaseResult result = PhaseResult.newBuilder().setMigrationId(command.getMigrationId()).setPhaseId(phase.getPhaseId())
                .setPhaseIndex(phase.getIndex()).setAttempt(command.getAttempt()).setDirection(command.getDirection())
                .setStatus(error == null ? "COMPLETED" : "FAILED").setError(error == null ? null : Errors.toEvent(error))
                .setRowsAffected(rows).setDurationMs(duration).setReportedBy(SOURCE + "@" + platform.config().instanceId())
                .setFinishedAt(Instant.now()).build();
        platform.registry().timer("zdm_phase_duration", "outcome", error == null ? "completed" : "failed")
                .record(java.time.Duration.ofMillis(duration));
        return platform.publisher().publish(platform.config().topics().phaseResults(), command.getMigrationId(), result).mapEmpty();
    }

    private void publishProgress(PhaseCommand command, StepContext.StepProgress p) {
        heartbeat.alive(command);
        var phase = command.getPhase();
        var event = Progress.of(command.getMigrationId(), p.state(), p.message() == null ? "" : p.message(), SOURCE).setPhaseId(phase.getPhaseId())
                .setPhaseIndex(phase.getIndex()).setPhaseCount(command.getPhaseCount()).setPhaseName(phase.getName())
                .setRowsDone(p.rowsDone()).setRowsTotal(p.rowsTotal()).setRowsPerSecond(p.rowsPerSecond())
                .setBatchSize(p.batchSize()).setEtaMs(p.etaMs()).setThrottleReason(p.throttleReason()).build();
        platform.publisher().publish(platform.config().topics().progress(), command.getMigrationId(), event)
                .onFailure(e -> LOG.warn("progress of {} not published: {}", command.getMigrationId(), e.toString()));
    }

    /** Every executor instance sees every control command (its own group) and applies it to the phase it runs, if any. */
    private Future<Void> onControl(Envelope envelope) {
        if (!(envelope.event() instanceof ControlCommand command)) return Future.succeededFuture();
        PhaseControl handle = running.get(command.getMigrationId());
        if (handle == null) return Future.succeededFuture();
        envelope.signer(platform.config().tokens(), Role.OPERATOR);
        switch (command.getAction()) {
            case "PAUSE" -> handle.pause();
            case "RESUME" -> handle.resume();
            case "CANCEL" -> handle.cancel();
            case "RETRY_SMALLER_BATCH" -> handle.requestBatchSize(command.getBatchSize());
            default -> {
                return Future.succeededFuture();
            }
        }
        LOG.info("{} running phase: {} applied", command.getMigrationId(), command.getAction());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return handOverAll().compose(handed -> {
            vertx.cancelTimer(heartbeatTimer);
            vertx.cancelTimer(leaseTimer);
            platform.health().unregister("executor.commands");
            platform.health().unregister("executor.control");
            return vertx.executeBlocking(() -> {
                commands.close();
                control.close();
                breakers.close();
                syncStatus.close();
                return null;
            });
        }).compose(v -> pools.closeAll());
    }

}

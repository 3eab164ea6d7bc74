package dev.zdm.planner.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.input.Inputs;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.MigrationRequested;
import dev.zdm.events.PhaseResult;
import dev.zdm.events.SyncStatus;
import dev.zdm.planner.PlannerConfig;
import dev.zdm.planner.orchestrate.Controls;
import dev.zdm.planner.orchestrate.Orchestrator;
import dev.zdm.planner.orchestrate.Planning;
import dev.zdm.planner.orchestrate.Stores;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.auth.Principal;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.db.TargetPools;
import dev.zdm.runtime.kafka.EventConsumer;
import dev.zdm.runtime.kafka.EventHandler;
import dev.zdm.runtime.kafka.Envelope;
import dev.zdm.runtime.messaging.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The planner service: wires the consumers to the {@link Orchestrator} and {@link Controls}. */
public final class PlannerVerticle extends VerticleBase {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlannerVerticle.class);
    private final Platform platform;
    private final PlannerConfig config;
    private final Planning planning;
    private final List<EventConsumer> consumers = new ArrayList<>();
    private TargetPools pools;
    private boolean rechecking;

    public PlannerVerticle(Platform platform, PlannerConfig config, Planning planning) {
        this.platform = platform;
        this.config = config;
        this.planning = planning;
    }

    @Override
    public Future<?> start() {
        Topics topics = platform.config().topics();
        pools = new TargetPools(vertx, platform.config().targets(), "zdm-planner");
        Stores stores = new Stores(pools, platform.codec());
        Orchestrator orchestrator = new Orchestrator(stores, platform.publisher(), topics, planning, config.redispatchAfterMs());
        Controls controls = new Controls(stores, orchestrator);
        Tokens tokens = platform.config().tokens();
        consume("requests", topics.migrationRequests(), signed(tokens, Role.SUBMITTER, MigrationRequested.class, (request, sender) -> {
            Inputs.requireName("migrationId", request.getMigrationId());
            Inputs.requireName("target", request.getTarget());
            String sqlProblem = Inputs.sqlProblem(request.getSql());
            if (sqlProblem != null) throw new ZdmException(ErrorCode.INVALID_REQUEST, "sql " + sqlProblem);
            if (Inputs.textProblem(request.getSource()) != null) {
                throw new ZdmException(ErrorCode.INVALID_REQUEST, "source " + Inputs.textProblem(request.getSource()));
            }
            if (!sender.maySubmitTo(request.getTarget())) {
                throw new ZdmException(ErrorCode.ACCESS_DENIED, "token " + sender.name() + " may not submit to target " + request.getTarget());
            }
            request.setRequestedBy(sender.name());
            return orchestrator.onRequest(request);
        }));
        consume("results", topics.phaseResults(), typed(PhaseResult.class, orchestrator::onResult));
        consume("sync-status", topics.syncStatus(), typed(SyncStatus.class, orchestrator::onSyncStatus));
        consume("deployments", topics.deployments(), signed(tokens, Role.DEPLOYER, DeploymentEvent.class, (deployment, sender) -> {
            Inputs.requireName("service", deployment.getService());
            Inputs.requireName("version", deployment.getVersion());
            deployment.setDeployedBy(sender.name());
            return orchestrator.onDeployment(deployment);
        }));
        consume("control", topics.control(), signed(tokens, Role.OPERATOR, ControlCommand.class, (command, sender) -> {
            Inputs.requireName("migrationId", command.getMigrationId());
            if (Inputs.textProblem(command.getReason()) != null) {
                throw new ZdmException(ErrorCode.INVALID_REQUEST, "reason " + Inputs.textProblem(command.getReason()));
            }
            command.setRequestedBy(sender.name());
            return controls.onControl(command);
        }));
        pools.targets().keySet().forEach(t -> platform.health().register("planner.target." + t, () -> pools.available(t)));
        warnOfSuperusers();
        vertx.setPeriodic(config.recheckMs(), t -> {
            if (rechecking) return;
            rechecking = true;
            orchestrator.recheck().onComplete(ar -> {
                rechecking = false;
                if (ar.failed()) LOG.debug("re-check of phases in flight failed (tried again in {} ms): {}", config.recheckMs(), ar.cause().toString());
            });
        });
        return orchestrator.resumeAll();
    }

    /**
     * Says, once per target at start, when zdm connects as a superuser: such a role can run operating
     * system commands and change the whole server, which no migration needs. Never stops the start.
     */
    private void warnOfSuperusers() {
        for (String target : pools.targets().keySet()) {
            pools.ready(target)
                    .compose(v -> pools.pool(target).query("SELECT current_user::text, rolsuper FROM pg_roles WHERE rolname = current_user").execute())
                    .onSuccess(rows -> rows.forEach(r -> {
                        if (Boolean.TRUE.equals(r.getBoolean(1))) {
                            LOG.warn("target {} connects as {}, a superuser: it can run operating system commands (COPY ... PROGRAM) and change "
                                    + "the whole server; give zdm a role that owns the application's tables instead", target, r.getString(0));
                        }
                    }))
                    .onFailure(e -> LOG.warn("target {}: cannot tell whether its role is a superuser: {}", target, e.getMessage()));
        }
    }

    private void consume(String role, String topic, EventHandler handler) {
        EventConsumer consumer = new EventConsumer("planner-" + role, platform.config().kafkaBootstrap(),
                config.groupId() + "." + role, List.of(topic), platform.codec(), platform.publisher(), vertx,
                platform.registry(), handler).outageWindow(platform.config().outageWindowMs()).start();
        consumers.add(consumer);
        platform.health().register("planner." + role, consumer::healthy);
    }

    private static <T extends SpecificRecord> EventHandler typed(Class<T> type, java.util.function.Function<T, Future<Void>> action) {
        return (Envelope e) -> {
            if (!type.isInstance(e.event())) {
                return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, e.position() + " carries a "
                        + e.event().getClass().getSimpleName() + " where a " + type.getSimpleName() + " belongs"));
            }
            return action.apply(type.cast(e.event()));
        };
    }

    /**
     * A handler for events callers send: the event must be signed by a configured token holding
     * {@code role} ({@link Envelope#signer}); otherwise it is dead-lettered with the reason and nothing runs.
     * The sender's token name replaces whatever the event says about who sent it.
     */
    private static <T extends SpecificRecord> EventHandler signed(Tokens tokens, Role role, Class<T> type,
                                                                   java.util.function.BiFunction<T, Principal, Future<Void>> action) {
        return (Envelope e) -> {
            Principal sender = e.signer(tokens, role);
            return typed(type, event -> action.apply(event, sender)).handle(e);
        };
    }

    @Override
    public Future<?> stop() {
        consumers.forEach(c -> platform.health().unregister(c.name().replace("planner-", "planner.")));
        pools.targets().keySet().forEach(t -> platform.health().unregister("planner.target." + t));
        return vertx.executeBlocking(() -> {
            consumers.forEach(EventConsumer::close);
            return null;
        }).compose(v -> pools.closeAll());
    }
}

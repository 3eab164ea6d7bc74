package dev.zdm.runtime.http;

import dev.zdm.domain.input.Inputs;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.MigrationRequested;
import dev.zdm.runtime.auth.Principal;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.kafka.EventPublisher;
import dev.zdm.runtime.messaging.Topics;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * HTTP doors onto the pipeline's topics, for systems that would rather call a webhook than produce to
 * Kafka: {@code POST /api/migrations} ({@code {"target", "sql", "source"?, "id"?}}), {@code POST
 * /api/deployments} ({@code {"service", "version", "environment"?}}) and {@code POST
 * /api/migrations/:id/control} ({@code {"action", "reason"?, "batchSize"?}}). Each answers 202 once the
 * event is on its topic; 400 naming the field that is missing, of the wrong type or beyond its limits
 * ({@link Inputs}); 401/403 from its {@link Access} door; 413 for a body over
 * {@value Inputs#MAX_BODY_BYTES} bytes (the mount's body handler); 503 when the broker did not take
 * the event.
 */
public final class IngestRoutes {
    private static final Set<String> ACTIONS = Set.of("PAUSE", "RESUME", "CANCEL", "RETRY_SMALLER_BATCH", "ROLLBACK");

    private IngestRoutes() {
    }

    public static void mount(Router router, EventPublisher publisher, Topics topics, Access access) {
        router.post("/api/*").handler(access.jsonFromNoForeignOrigin());
        router.post("/api/migrations").handler(access.require(Role.SUBMITTER)).handler(ctx -> JsonFields.of(ctx).ifPresent(b -> {
            String target = b.name("target");
            String sql = b.sql("sql");
            String id = b.optionalName("id", "m-" + UUID.randomUUID());
            String source = b.text("source");
            if (!b.ok()) return;
            Principal caller = Access.caller(ctx);
            if (!caller.maySubmitTo(target)) {
                access.forbid(ctx, "token " + caller.name() + " may not submit to target " + target);
                return;
            }
            var event = MigrationRequested.newBuilder().setMigrationId(id).setTarget(target).setSql(sql)
                    .setSource(source == null ? "http" : source).setRequestedBy(caller.name()).setRequestedAt(Instant.now())
                    .setOptions(Map.of()).build();
            publisher.publish(topics.migrationRequests(), id, event, Access.signingKey(ctx))
                    .onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("migrationId", id)));
        }));
        router.post("/api/deployments").handler(access.require(Role.DEPLOYER)).handler(ctx -> JsonFields.of(ctx).ifPresent(b -> {
            String service = b.name("service");
            String version = b.name("version");
            String environment = b.optionalName("environment", null);
            if (!b.ok()) return;
            var event = DeploymentEvent.newBuilder().setService(service).setVersion(version).setEnvironment(environment)
                    .setDeployedBy(Access.caller(ctx).name()).setDeployedAt(Instant.now()).build();
            publisher.publish(topics.deployments(), service, event, Access.signingKey(ctx))
                    .onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("service", service).put("version", version)));
        }));
        router.post("/api/migrations/:id/control").handler(access.require(Role.OPERATOR)).handler(ctx -> JsonFields.of(ctx).ifPresent(b -> {
            String id = ctx.pathParam("id");
            String idProblem = Inputs.nameProblem(id);
            if (idProblem != null) {
                JsonFields.badRequest(ctx, "the migration id in the path " + idProblem);
                return;
            }
            String action = b.name("action");
            String reason = b.text("reason");
            Integer batchSize = b.integer("batchSize", 1, 1_000_000);
            if (!b.ok()) return;
            String normalized = action.toUpperCase().replace('-', '_');
            if (!ACTIONS.contains(normalized)) {
                JsonFields.badRequest(ctx, "field 'action' must be one of " + ACTIONS);
                return;
            }
            var event = ControlCommand.newBuilder().setMigrationId(id).setAction(normalized).setReason(reason)
                    .setBatchSize(batchSize).setRequestedBy(Access.caller(ctx).name()).setAt(Instant.now()).build();
            publisher.publish(topics.control(), id, event, Access.signingKey(ctx))
                    .onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("migrationId", id).put("action", normalized)));
        }));
    }

    private static void accepted(RoutingContext ctx, Throwable error, JsonObject echo) {
        if (error != null) {
            ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "not published: the broker did not take the event; try again").encode());
            return;
        }
        ctx.response().setStatusCode(202).putHeader("content-type", "application/json").end(echo.encode());
    }
}

package dev.zdm.runtime.http;

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
 * event is on its topic, 400 naming what is wrong with the body, 401/403 from its {@link Access} door.
 */
public final class IngestRoutes {
    private static final Set<String> ACTIONS = Set.of("PAUSE", "RESUME", "CANCEL", "RETRY_SMALLER_BATCH", "ROLLBACK");

    private IngestRoutes() {
    }

    public static void mount(Router router, EventPublisher publisher, Topics topics, Access access) {
        router.post("/api/*").handler(access.jsonFromNoForeignOrigin());
        router.post("/api/migrations").handler(access.require(Role.SUBMITTER)).handler(ctx -> body(ctx, "target", "sql").ifPresent(b -> {
            Principal caller = Access.caller(ctx);
            if (!caller.maySubmitTo(b.getString("target"))) {
                access.forbid(ctx, "token " + caller.name() + " may not submit to target " + b.getString("target"));
                return;
            }
            String id = b.getString("id", "m-" + UUID.randomUUID());
            var event = MigrationRequested.newBuilder().setMigrationId(id).setTarget(b.getString("target")).setSql(b.getString("sql"))
                    .setSource(b.getString("source", "http")).setRequestedBy(caller.name()).setRequestedAt(Instant.now())
                    .setOptions(Map.of()).build();
            publisher.publish(topics.migrationRequests(), id, event, Access.signingKey(ctx)).onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("migrationId", id)));
        }));
        router.post("/api/deployments").handler(access.require(Role.DEPLOYER)).handler(ctx -> body(ctx, "service", "version").ifPresent(b -> {
            var event = DeploymentEvent.newBuilder().setService(b.getString("service")).setVersion(b.getString("version"))
                    .setEnvironment(b.getString("environment")).setDeployedBy(Access.caller(ctx).name()).setDeployedAt(Instant.now()).build();
            publisher.publish(topics.deployments(), event.getService(), event, Access.signingKey(ctx)).onComplete(ar -> accepted(ctx, ar.cause(), b));
        }));
        router.post("/api/migrations/:id/control").handler(access.require(Role.OPERATOR)).handler(ctx -> body(ctx, "action").ifPresent(b -> {
            String action = b.getString("action").toUpperCase().replace('-', '_');
            if (!ACTIONS.contains(action)) {
                badRequest(ctx, "action must be one of " + ACTIONS);
                return;
            }
            String id = ctx.pathParam("id");
            var event = ControlCommand.newBuilder().setMigrationId(id).setAction(action).setReason(b.getString("reason"))
                    .setBatchSize(b.getInteger("batchSize")).setRequestedBy(Access.caller(ctx).name()).setAt(Instant.now()).build();
            publisher.publish(topics.control(), id, event, Access.signingKey(ctx)).onComplete(ar -> accepted(ctx, ar.cause(), b.put("migrationId", id)));
        }));
    }

    private static java.util.Optional<JsonObject> body(RoutingContext ctx, String... required) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            badRequest(ctx, "the body is not a JSON object: " + e.getMessage());
            return java.util.Optional.empty();
        }
        if (body == null) {
            badRequest(ctx, "a JSON body is required");
            return java.util.Optional.empty();
        }
        for (String field : required) {
            if (!(body.getValue(field) instanceof String s) || s.isBlank()) {
                badRequest(ctx, "field '" + field + "' is required and must be a non-empty string");
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(body);
    }

    private static void accepted(RoutingContext ctx, Throwable error, JsonObject echo) {
        if (error != null) {
            ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "not published: " + error.getMessage()).encode());
            return;
        }
        ctx.response().setStatusCode(202).putHeader("content-type", "application/json").end(echo.encode());
    }

    private static void badRequest(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(400).putHeader("content-type", "application/json").end(new JsonObject().put("error", message).encode());
    }
}

package dev.zdm.runtime.http;

import dev.zdm.runtime.auth.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of every HTTP route that changes a database or a migration: it answers 401 before the
 * route runs unless the caller is authenticated and allowed. With no authentication configured every
 * such request is refused. Refusals are counted ({@code zdm_http_refused_total} by route and reason)
 * and logged in one line without any credential.
 */
public final class Access {
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);

    private final MeterRegistry registry;
    private final boolean metricsOpen;

    public Access(MeterRegistry registry, boolean metricsOpen) {
        this.registry = registry;
        this.metricsOpen = metricsOpen;
    }

    /** How the process admits callers, for its start-up line. */
    public String describe() {
        return "closed: no authentication is configured, so POST /api/* answer 401" + (metricsOpen ? "; /metrics open" : "; /metrics closed");
    }

    /** A handler that lets the request on only for a caller holding {@code role}. */
    public Handler<RoutingContext> require(Role role) {
        return ctx -> refuse(ctx, 401, "unauthenticated", "authentication required: this server has no authentication configured");
    }

    /** The handler in front of {@code /metrics}: open, or for viewers. */
    public Handler<RoutingContext> metrics() {
        return metricsOpen ? RoutingContext::next : require(Role.VIEWER);
    }

    private void refuse(RoutingContext ctx, int status, String reason, String message) {
        String route = ctx.currentRoute() == null || ctx.currentRoute().getPath() == null ? ctx.normalizedPath() : ctx.currentRoute().getPath();
        registry.counter("zdm_http_refused", "route", route, "reason", reason).increment();
        LOG.warn("refused {} {} from {}: {}", ctx.request().method(), route, ctx.request().remoteAddress(), reason);
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}

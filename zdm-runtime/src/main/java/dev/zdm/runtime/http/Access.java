package dev.zdm.runtime.http;

import dev.zdm.runtime.auth.Principal;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of every HTTP route that changes a database or a migration: the route runs only for a
 * caller that presents {@code Authorization: Bearer <token>} of a configured token holding the
 * route's role; 401 without a known token, 403 without the role. With no token configured every such
 * request is refused with 401. Refusals are counted ({@code zdm_http_refused_total} by route and
 * reason) and logged in one line with the token's name at most, never the token. Thread-safe.
 */
public final class Access {
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    private static final String PRINCIPAL = "zdm.principal";
    private static final String DIGEST = "zdm.digest";
    private static final String BEARER = "bearer ";

    private final Tokens tokens;
    private final MeterRegistry registry;
    private final boolean metricsOpen;

    public Access(Tokens tokens, MeterRegistry registry, boolean metricsOpen) {
        this.tokens = tokens;
        this.registry = registry;
        this.metricsOpen = metricsOpen;
    }

    /** How the process admits callers, for its start-up line. */
    public String describe() {
        String mode = tokens.configured() ? "bearer tokens (" + tokens.count() + " configured)"
                : "closed: no tokens are configured, so POST /api/* answer 401";
        return mode + (metricsOpen ? "; /metrics open" : "; /metrics for viewers");
    }

    /** A handler that lets the request on only for a caller holding {@code role}; the caller is then {@link #caller}. */
    public Handler<RoutingContext> require(Role role) {
        return ctx -> {
            if (!tokens.configured()) {
                refuse(ctx, 401, "unauthenticated", "authentication required, and this server has no tokens configured (auth.tokens.<name>.digest)");
                return;
            }
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                refuse(ctx, 401, "unauthenticated", "authentication required: send Authorization: Bearer <token>");
                return;
            }
            String token = header.substring(BEARER.length()).trim();
            Optional<Principal> caller = tokens.authenticate(token);
            if (caller.isEmpty()) {
                refuse(ctx, 401, "unknown_token", "the token is not known to this server");
                return;
            }
            if (!caller.get().has(role)) {
                refuse(ctx, 403, "forbidden", "token " + caller.get().name() + " does not have the role " + role.lowerName());
                return;
            }
            ctx.put(PRINCIPAL, caller.get());
            ctx.put(DIGEST, Tokens.digest(token));
            ctx.next();
        };
    }

    /**
     * Refuses what a web page could send on a developer's behalf, before authentication: a body that is
     * not {@code application/json} (415: a form or {@code text/plain} needs no CORS preflight), and a
     * request whose {@code Origin} is not this server's own (403). A request without {@code Origin}
     * (curl, a deploy system, the CLI) passes. No CORS header is ever sent, so browsers keep their
     * same-origin rule.
     */
    public Handler<RoutingContext> jsonFromNoForeignOrigin() {
        return ctx -> {
            String origin = ctx.request().getHeader("Origin");
            if (origin != null && !sameOrigin(origin, ctx.request().getHeader("Host"))) {
                refuse(ctx, 403, "foreign_origin", "requests from web pages of another origin are refused");
                return;
            }
            String type = ctx.request().getHeader("Content-Type");
            if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
                refuse(ctx, 415, "not_json", "the body must be application/json");
                return;
            }
            ctx.next();
        };
    }

    static boolean sameOrigin(String origin, String host) {
        return host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }

    /** The handler in front of {@code /metrics}: open, or for viewers. */
    public Handler<RoutingContext> metrics() {
        return metricsOpen ? RoutingContext::next : require(Role.VIEWER);
    }

    /** The caller a {@link #require} handler let through. */
    public static Principal caller(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    /** The digest of the token the caller presented: the key the events sent on its behalf are signed with. */
    public static byte[] signingKey(RoutingContext ctx) {
        return ctx.get(DIGEST);
    }

    /** Refuses a request the caller is authenticated for but not allowed to make (a submitter's other target). */
    public void forbid(RoutingContext ctx, String message) {
        refuse(ctx, 403, "forbidden", message);
    }

    private void refuse(RoutingContext ctx, int status, String reason, String message) {
        String route = ctx.currentRoute() == null || ctx.currentRoute().getPath() == null ? ctx.normalizedPath() : ctx.currentRoute().getPath();
        registry.counter("zdm_http_refused", "route", route, "reason", reason).increment();
        LOG.warn("refused {} {} from {}: {} ({})", ctx.request().method(), route, ctx.request().remoteAddress(), reason, status);
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}

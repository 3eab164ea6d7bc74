package dev.zdm.runtime.http;

import dev.zdm.domain.input.Inputs;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;

/**
 * The process's HTTP server: {@code GET /health} answers 200 with every check up, 503 otherwise (open
 * to anyone: it says nothing but up or down); {@code GET /metrics} is the Prometheus text format,
 * behind {@link Access#metrics}. Services add their own routes through {@code routes}, each behind
 * its {@link Access#require} door.
 */
public final class HttpEndpoint {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpEndpoint.class);
    private final HttpServer server;

    private HttpEndpoint(HttpServer server) {
        this.server = server;
    }

    public static Future<HttpEndpoint> start(Vertx vertx, String host, int port, Health health,
                                             PrometheusMeterRegistry registry, Access access, Consumer<Router> routes) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(Inputs.MAX_BODY_BYTES));
        router.errorHandler(413, ctx -> error(ctx, 413, "the body is larger than " + Inputs.MAX_BODY_BYTES + " bytes"));
        router.errorHandler(404, ctx -> error(ctx, 404, "no such resource"));
        router.errorHandler(405, ctx -> error(ctx, 405, "method not allowed"));
        router.errorHandler(500, ctx -> {
            LOG.error("HTTP {} {} failed: {}", ctx.request().method(), ctx.currentRoute() == null ? "?" : ctx.currentRoute().getPath(),
                    ctx.failure() == null ? "?" : ctx.failure().toString());
            error(ctx, 500, "internal error");
        });
        router.get("/health").handler(ctx -> {
            var checks = health.snapshot();
            boolean up = checks.values().stream().allMatch(Health.UP::equals);
            JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
            JsonObject parts = new JsonObject();
            checks.forEach(parts::put);
            body.put("checks", parts);
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json").end(body.encode());
        });
        router.get("/metrics").handler(access.metrics()).handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
        routes.accept(router);
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(HttpEndpoint::new);
    }

    /** A JSON error body that says what went wrong and never which class threw. */
    private static void error(io.vertx.ext.web.RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(new JsonObject().put("error", message).encode());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }
}

package dev.zdm.runtime.http;

import dev.zdm.domain.input.Inputs;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The fields of a JSON request body, each checked for its type and limits: the first field that is
 * wrong answers 400 naming it and saying what it must be, never with an exception's text. Not
 * thread-safe; one per request.
 */
final class JsonFields {
    private final RoutingContext ctx;
    private final JsonObject body;
    private boolean answered;

    private JsonFields(RoutingContext ctx, JsonObject body) {
        this.ctx = ctx;
        this.body = body;
    }

    /** The body as fields, or empty after answering 400 when it is not a JSON object. */
    static Optional<JsonFields> of(RoutingContext ctx) {
        Object parsed;
        try {
            parsed = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (!(parsed instanceof JsonObject object)) {
            badRequest(ctx, "the body must be a JSON object");
            return Optional.empty();
        }
        return Optional.of(new JsonFields(ctx, object));
    }

    /** A required name (id, target, service, version). */
    String name(String field) {
        String value = string(field, true);
        if (value != null) check(field, Inputs.nameProblem(value));
        return value;
    }

    /** An optional name; {@code fallback} when absent. */
    String optionalName(String field, String fallback) {
        String value = string(field, false);
        if (value == null) return fallback;
        check(field, Inputs.nameProblem(value));
        return value;
    }

    /** Optional one-line text. */
    String text(String field) {
        String value = string(field, false);
        check(field, Inputs.textProblem(value));
        return value;
    }

    /** Migration SQL. */
    String sql(String field) {
        String value = string(field, true);
        if (value != null) check(field, Inputs.sqlProblem(value));
        return value;
    }

    /** An optional whole number within {@code min..max}. */
    Integer integer(String field, int min, int max) {
        Object value = body.getValue(field);
        if (value == null) return null;
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
            check(field, "must be a whole number within " + min + ".." + max);
            return null;
        }
        return n.intValue();
    }

    /** True when every field read so far was right; otherwise the request was answered with 400. */
    boolean ok() {
        return !answered;
    }

    private String string(String field, boolean required) {
        Object value = body.getValue(field);
        if (value == null) {
            if (required) check(field, "is required");
            return null;
        }
        if (!(value instanceof String s)) {
            check(field, "must be a string");
            return null;
        }
        if (required && s.isBlank()) check(field, "must not be empty");
        return s;
    }

    private void check(String field, String problem) {
        if (problem == null || answered) return;
        answered = true;
        badRequest(ctx, "field '" + field + "' " + problem);
    }

    static void badRequest(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(400).putHeader("content-type", "application/json").end(new JsonObject().put("error", message).encode());
    }
}

package dev.zdm.runtime.kafka;

import io.vertx.core.Future;

/**
 * Handles one event. Called on the consumer's Vert.x context, one event at a time per partition, in
 * offset order. The returned future completes when the event's effects are durable; only then is its
 * offset committed, so a handler must be idempotent: after a crash the event is delivered again.
 *
 * <p>Failing with a non-retriable {@link dev.zdm.domain.error.ZdmException} sends the event to the
 * dead-letter topic with the reason; any other failure is retried with backoff, and dead-lettered once
 * the attempts run out. Either way the consumer goes on.
 */
@FunctionalInterface
public interface EventHandler {
    Future<Void> handle(Envelope envelope);
}

/**
 * Kafka plumbing shared by the services: topic creation, an event publisher, and a consumer loop that
 * decodes events, runs one handler per record in order per partition (pausing the partition while a
 * handler runs, so long phases never trip the poll interval), commits only after the handler finished,
 * retries retriable failures with backoff, and sends what cannot be handled to the topic's {@code .dlq}
 * twin with the reason, going on with the next record.
 */
package dev.zdm.runtime.kafka;

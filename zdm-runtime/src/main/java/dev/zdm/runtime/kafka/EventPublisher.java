package dev.zdm.runtime.kafka;

import dev.zdm.runtime.auth.EventSignature;
import dev.zdm.runtime.serde.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes zdm events. Thread-safe; one per process is enough. The returned future completes when
 * the broker acknowledged the event (acks=all), on the producer's I/O thread.
 */
public final class EventPublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final EventCodec codec;
    private final MeterRegistry registry;

    public EventPublisher(String bootstrap, String clientId, EventCodec codec, MeterRegistry registry) {
        this(new KafkaProducer<>(KafkaProps.producer(bootstrap, clientId)), codec, registry);
    }

    EventPublisher(Producer<String, byte[]> producer, EventCodec codec, MeterRegistry registry) {
        this.producer = producer;
        this.codec = codec;
        this.registry = registry;
    }

    /** Sends {@code event} keyed by {@code key} (a migration id, breaker name or service). */
    public Future<RecordMetadata> publish(String topic, String key, SpecificRecord event) {
        return publish(topic, key, event, null);
    }

    /**
     * Sends {@code event} signed with a token's digest ({@link EventSignature}), for events a caller
     * sends on behalf of a token holder; unsigned when {@code digest} is null.
     */
    public Future<RecordMetadata> publish(String topic, String key, SpecificRecord event, byte[] digest) {
        Promise<RecordMetadata> promise = Promise.promise();
        byte[] bytes = codec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, bytes);
        if (digest != null) EventSignature.sign(record.headers(), digest, topic, key, bytes);
        Context caller = Vertx.currentContext();
        producer.send(record, (metadata, error) -> {
            registry.counter("zdm_events_published_total", "topic", topic, "type", event.getClass().getSimpleName(),
                    "outcome", error == null ? "ok" : "error").increment();
            settle(caller, promise, metadata, error);
        });
        return promise.future();
    }

    /** Sends raw bytes with headers (dead-letter copies keep the original bytes). */
    public Future<RecordMetadata> publishRaw(ProducerRecord<String, byte[]> record) {
        Promise<RecordMetadata> promise = Promise.promise();
        Context caller = Vertx.currentContext();
        producer.send(record, (metadata, error) -> settle(caller, promise, metadata, error));
        return promise.future();
    }

    /**
     * Completes {@code promise} back on the caller's Vert.x context. The producer calls back on its
     * own network thread; what the caller chains on the future must not run there: a second send
     * to a topic whose metadata is not known yet would block that thread waiting for metadata only
     * that thread can fetch (seen: a rejection's progress event stuck for the whole 60 s max.block.ms).
     */
    private static void settle(Context caller, Promise<RecordMetadata> promise, RecordMetadata metadata, Exception error) {
        Runnable complete = () -> {
            if (error == null) promise.complete(metadata);
            else promise.fail(error);
        };
        if (caller == null) complete.run();
        else caller.runOnContext(v -> complete.run());
    }

    public EventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}

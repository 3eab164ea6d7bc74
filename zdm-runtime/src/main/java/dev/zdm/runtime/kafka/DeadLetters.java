package dev.zdm.runtime.kafka;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an event that cannot be handled to its topic's {@code .dlq} twin: the original key and bytes,
 * and headers saying why ({@code zdm.dlq.reason}, {@code zdm.dlq.code}) and where it came from.
 */
public final class DeadLetters {
    public static final String REASON = "zdm.dlq.reason";
    public static final String CODE = "zdm.dlq.code";
    public static final String SOURCE = "zdm.dlq.source";
    public static final String CONSUMER = "zdm.dlq.consumer";
    public static final String AT = "zdm.dlq.at";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final EventPublisher publisher;
    private final MeterRegistry registry;
    private final String consumerName;

    public DeadLetters(EventPublisher publisher, MeterRegistry registry, String consumerName) {
        this.publisher = publisher;
        this.registry = registry;
        this.consumerName = consumerName;
    }

    /** Blocks until the broker acknowledged the dead letter; throws when it could not be sent (the caller keeps the offset). */
    public void send(ConsumerRecord<String, byte[]> record, Throwable cause) throws Exception {
        String code = cause instanceof ZdmException z ? z.code().code() : "ZDM-UNHANDLED";
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String source = record.topic() + "/" + record.partition() + "@" + record.offset();
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.dlq(record.topic()), record.key(), record.value());
        Headers headers = letter.headers();
        record.headers().forEach(headers::add);
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(CODE, code.getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(CONSUMER, consumerName.getBytes(StandardCharsets.UTF_8));
        headers.add(AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        publisher.publishRaw(letter).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        registry.counter("zdm_dead_letters_total", "topic", record.topic(), "code", code).increment();
        LOG.warn("dead-lettered {} key={} to {}: {} {}", source, record.key(), Topics.dlq(record.topic()), code, reason);
    }
}

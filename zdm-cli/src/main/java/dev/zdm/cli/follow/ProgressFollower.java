package dev.zdm.cli.follow;

import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.ProgressEvent;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.serde.EventCodec;
import dev.zdm.runtime.serde.EventDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the progress topic (and, when given, the plans topic, whose {@code MigrationPlanned} events
 * name every phase before it runs) without joining a group or committing anything: every partition,
 * from the end as it is now (so a follower opened before a submit sees all of that migration's
 * events) or from the beginning. Not thread-safe; one thread polls it.
 */
public final class ProgressFollower implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec;
    private Consumer<MigrationPlanned> onPlan = p -> { };

    public ProgressFollower(String bootstrap, String topic, EventCodec codec, boolean fromBeginning) {
        this(bootstrap, topic, null, codec, fromBeginning);
    }

    /** @param plansTopic the topic of {@code MigrationPlanned} events, or null to read progress only */
    public ProgressFollower(String bootstrap, String topic, String plansTopic, EventCodec codec, boolean fromBeginning) {
        this.codec = codec;
        this.consumer = new KafkaConsumer<>(KafkaProps.follower(bootstrap, "zdm-follower-" + UUID.randomUUID(), "earliest"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : plansTopic == null ? List.of(topic) : List.of(topic, plansTopic)) {
            consumer.partitionsFor(t, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(partitions);
        if (fromBeginning) consumer.seekToBeginning(partitions);
        else consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Where the plans read from the plans topic go (nowhere by default). */
    public ProgressFollower onPlan(Consumer<MigrationPlanned> onPlan) {
        this.onPlan = onPlan;
        return this;
    }

    /** Progress events that arrived within {@code timeout}; undecodable ones are reported on stderr and skipped. */
    public List<ProgressEvent> poll(Duration timeout) {
        List<ProgressEvent> events = new ArrayList<>();
        for (var record : consumer.poll(timeout)) {
            try {
                Object event = codec.decode(record.value());
                if (event instanceof ProgressEvent p) events.add(p);
                else if (event instanceof MigrationPlanned m) onPlan.accept(m);
            } catch (EventDecodingException e) {
                System.err.println("skipping undecodable progress event at offset " + record.offset() + ": " + e.getMessage());
            }
        }
        return events;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

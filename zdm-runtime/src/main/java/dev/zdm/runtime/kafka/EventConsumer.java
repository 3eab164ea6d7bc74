package dev.zdm.runtime.kafka;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.serde.EventCodec;
import dev.zdm.runtime.serde.EventDecodingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer-group member that hands each event to an {@link EventHandler}, one at a time per
 * partition and in order, while partitions run side by side. The poll loop runs on its own thread;
 * handlers run on the Vert.x context captured at construction. A partition is paused while its handler
 * runs, so a phase may take hours without leaving the group. Offsets are committed only after the
 * handler succeeded or the event was dead-lettered: nothing is lost, and a crash re-delivers at most
 * the events in flight.
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    /**
     * When a failed handling is tried again: a permanent failure never (dead-lettered at once), a lost
     * database or broker for the outage window (the control schema briefly unreachable is a wait, and
     * the partition waits with it, in order), other retriable failures 5 more times.
     */
    private static final Backoff RETRY = new Backoff(200, 10_000, 5, Backoff.DEFAULT_OUTAGE_WINDOW_MS);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final EventHandler handler;
    private final Context context;
    private final MeterRegistry registry;
    private final Map<TopicPartition, PartitionWork> work = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastPollAt = System.currentTimeMillis();
    private final InFlightEvents inFlight = new InFlightEvents();
    private volatile long stuckAfterMs;
    private volatile boolean reportedStuck;
    private volatile Backoff retry = RETRY;
    private volatile java.util.function.BiConsumer<String, Integer> revoked = (topic, partition) -> { };

    public EventConsumer(String name, String bootstrap, String groupId, List<String> topics, EventCodec codec,
                         EventPublisher publisher, Vertx vertx, MeterRegistry registry, EventHandler handler) {
        this(name, KafkaProps.consumer(bootstrap, groupId, groupId + "-" + name), groupId, topics, codec, publisher, vertx, registry, handler);
    }

    /**
     * A consumer that every instance runs in a group of its own, starting at the latest event: for
     * commands that each instance applies to what it is running (control, breakers).
     */
    public static EventConsumer broadcast(String name, String bootstrap, String instance, List<String> topics, EventCodec codec,
                                          EventPublisher publisher, Vertx vertx, MeterRegistry registry, EventHandler handler) {
        String groupId = "zdm-" + name + "-" + instance + "-" + java.util.UUID.randomUUID();
        return new EventConsumer(name, KafkaProps.follower(bootstrap, groupId, "latest"), groupId, topics, codec, publisher,
                vertx, registry, handler);
    }

    private EventConsumer(String name, java.util.Map<String, Object> props, String groupId, List<String> topics, EventCodec codec,
                          EventPublisher publisher, Vertx vertx, MeterRegistry registry, EventHandler handler) {
        this.name = name;
        this.consumer = new KafkaConsumer<>(props);
        this.topics = List.copyOf(topics);
        this.codec = codec;
        this.deadLetters = new DeadLetters(publisher, registry, groupId);
        this.handler = handler;
        this.context = vertx.getOrCreateContext();
        this.registry = registry;
        this.thread = new Thread(this::run, "zdm-consumer-" + name);
        this.thread.setDaemon(true);
    }

    private static final class PartitionWork {
        final Deque<ConsumerRecord<String, byte[]>> pending = new ArrayDeque<>();
        ConsumerRecord<String, byte[]> inFlight;
        Future<Void> result;
        int attempt;
        long retryAt;
        long failingSince;
    }

    public EventConsumer start() {
        registry.gauge("zdm_consumer_oldest_in_flight_seconds", io.micrometer.core.instrument.Tags.of("consumer", name), inFlight,
                f -> f.oldestAgeMs(System.currentTimeMillis()) / 1000.0);
        thread.start();
        return this;
    }

    /**
     * Reports an event as stuck once it has been in flight, and its handler silent ({@link #touch}),
     * for {@code ms}; 0 (the default) never does. Set it for handlers that are quick, or that touch
     * their event while they work.
     */
    public EventConsumer stuckAfter(long ms) {
        if (ms < 0) throw new IllegalArgumentException("stuckAfter must not be negative");
        this.stuckAfterMs = ms;
        return this;
    }

    /**
     * Hears a partition taken away (a rebalance) while an event of it was in flight: its handler may go
     * on, but the partition's new owner gets the event again (its offset was not committed). Called on
     * the consumer's thread.
     */
    public EventConsumer onRevoked(java.util.function.BiConsumer<String, Integer> listener) {
        this.revoked = listener;
        return this;
    }

    /** How long a handler that fails because the database or broker is unreachable is tried again (see {@link Backoff}). */
    public EventConsumer outageWindow(long ms) {
        this.retry = RETRY.withOutageWindow(ms);
        return this;
    }

    /** A sign of life from the handler of {@code envelope}: it is slow, not stuck. Any thread. */
    public void touch(Envelope envelope) {
        inFlight.touch(envelope.topic(), envelope.partition(), envelope.offset(), System.currentTimeMillis());
    }

    /** True while the poll loop runs, polled within the last 30 s and no event is stuck. */
    public boolean healthy() {
        return problem() == null;
    }

    /** What is wrong with this consumer, for {@code /health}; null when nothing is. */
    public String problem() {
        if (!running || !thread.isAlive()) return "stopped";
        long now = System.currentTimeMillis();
        if (now - lastPollAt >= 30_000) return "has not polled for " + (now - lastPollAt) / 1000 + " s";
        List<String> stuck = inFlight.stuck(now, stuckAfterMs);
        if (stuck.isEmpty()) {
            reportedStuck = false;
            return null;
        }
        if (!reportedStuck) {
            reportedStuck = true;
            LOG.error("consumer {} is stuck: {} (limit {} s); its partition takes no other event until it ends", name, stuck, stuckAfterMs / 1000);
        }
        return "stuck: " + String.join("; ", stuck);
    }

    public String name() {
        return name;
    }

    private void run() {
        consumer.subscribe(topics, new Rebalance());
        LOG.info("consumer {} subscribed to {}", name, topics);
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(busy() ? 10 : 200));
                lastPollAt = System.currentTimeMillis();
                records.forEach(r -> work.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new PartitionWork()).pending.add(r));
                Map<TopicPartition, OffsetAndMetadata> done = advance();
                pauseBusyPartitions();
                if (!done.isEmpty()) consumer.commitSync(done);
            }
        } catch (WakeupException e) {
            if (running) LOG.error("consumer {} woken up unexpectedly", name, e);
        } catch (RuntimeException e) {
            LOG.error("consumer {} stopped: {}", name, e.toString(), e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("consumer {} did not close cleanly: {}", name, e.toString());
            }
            running = false;
        }
    }

    private boolean busy() {
        return work.values().stream().anyMatch(w -> w.inFlight != null);
    }

    /** Moves every partition's work forward; returns offsets now safe to commit. */
    private Map<TopicPartition, OffsetAndMetadata> advance() {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        long now = System.currentTimeMillis();
        for (var entry : work.entrySet()) {
            PartitionWork w = entry.getValue();
            if (w.inFlight != null && w.result != null && w.result.isComplete()) {
                if (w.result.succeeded() || settleFailure(w, w.result.cause(), now)) {
                    inFlight.finished(w.inFlight.topic(), w.inFlight.partition());
                    done.put(entry.getKey(), new OffsetAndMetadata(w.inFlight.offset() + 1));
                    w.inFlight = null;
                    w.result = null;
                    w.attempt = 0;
                    w.failingSince = 0;
                }
            }
            if (w.inFlight != null && w.result == null && now >= w.retryAt) w.result = dispatch(w.inFlight);
            if (w.inFlight == null && !w.pending.isEmpty()) {
                w.inFlight = w.pending.poll();
                inFlight.started(w.inFlight.topic(), w.inFlight.partition(), w.inFlight.offset(), now);
                w.attempt = 0;
                w.failingSince = 0;
                w.result = dispatch(w.inFlight);
            }
        }
        return done;
    }

    /** Decides what a failed attempt means; true when the event is settled (dead-lettered) and its offset may be committed. */
    private boolean settleFailure(PartitionWork w, Throwable cause, long now) {
        w.attempt++;
        if (w.failingSince == 0) w.failingSince = now;
        ErrorCode code = cause instanceof EventDecodingException ? ErrorCode.UNDECODABLE_EVENT : Errors.code(cause);
        long delay = retry.next(code, w.attempt, now - w.failingSince, ThreadLocalRandom.current().nextDouble());
        if (delay < 0) {
            try {
                deadLetters.send(w.inFlight, cause);
                return true;
            } catch (Exception e) {
                LOG.error("consumer {} cannot dead-letter {}/{}@{}, will try again: {}", name, w.inFlight.topic(),
                        w.inFlight.partition(), w.inFlight.offset(), e.toString());
                delay = retry.delayMs(w.attempt, ThreadLocalRandom.current().nextDouble());
            }
        } else {
            LOG.warn("consumer {} attempt {} of {}/{}@{} failed ({}), retrying in {} ms: {}", name, w.attempt, w.inFlight.topic(),
                    w.inFlight.partition(), w.inFlight.offset(), code.code(), delay, cause.toString());
        }
        w.retryAt = now + delay;
        w.result = null;
        return false;
    }

    private Future<Void> dispatch(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event;
        try {
            event = codec.decode(record.value());
        } catch (EventDecodingException e) {
            return Future.failedFuture(e);
        }
        registry.counter("zdm_events_consumed_total", "topic", record.topic(), "type", event.getClass().getSimpleName()).increment();
        Envelope envelope = new Envelope(record.topic(), record.partition(), record.offset(), record.key(), event, record.value(),
                record.headers());
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                handler.handle(envelope).onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    private void pauseBusyPartitions() {
        var assigned = consumer.assignment();
        List<TopicPartition> busy = work.entrySet().stream()
                .filter(e -> e.getValue().inFlight != null || !e.getValue().pending.isEmpty())
                .map(Map.Entry::getKey).filter(assigned::contains).toList();
        List<TopicPartition> idle = assigned.stream().filter(tp -> !busy.contains(tp)).toList();
        consumer.pause(busy);
        consumer.resume(idle);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                PartitionWork w = work.remove(tp);
                inFlight.finished(tp.topic(), tp.partition());
                if (w != null && w.inFlight != null) {
                    LOG.info("consumer {} lost {} with {}@{} in flight", name, tp, tp, w.inFlight.offset());
                    revoked.accept(tp.topic(), tp.partition());
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("consumer {} assigned {}", name, partitions);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

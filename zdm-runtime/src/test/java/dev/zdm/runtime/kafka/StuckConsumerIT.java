package dev.zdm.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.events.ControlCommand;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.runtime.http.Health;
import dev.zdm.runtime.serde.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A handler whose future never completes holds its partition: {@code /health} must say which event the
 * consumer is stuck on, while a handler that is slow but touches its event stays healthy.
 */
@ExtendWith(ZdmInfraExtension.class)
class StuckConsumerIT {
    private static final EventCodec CODEC = EventCodec.standard();

    @Test
    void a_silent_handler_is_reported_stuck_naming_its_event_and_a_touching_one_is_not(TestInfra infra) throws Exception {
        String topic = infra.topicPrefix() + ".stuck";
        TopicAdmin.ensure(infra.kafkaBootstrap(), List.of(topic), 1);
        Vertx vertx = Vertx.vertx();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventPublisher publisher = new EventPublisher(infra.kafkaBootstrap(), "stuck-it", CODEC, registry);
        List<Envelope> received = new CopyOnWriteArrayList<>();
        Promise<Void> never = Promise.promise();
        EventConsumer consumer = new EventConsumer("stuck-it", infra.kafkaBootstrap(), infra.topicPrefix() + "-stuck", List.of(topic), CODEC,
                publisher, vertx, registry, e -> {
                    received.add(e);
                    return received.size() == 1 ? Future.succeededFuture() : never.future();
                }).stuckAfter(1_500);
        Health health = new Health();
        health.registerProblem("test.consumer", consumer::problem);
        try (consumer; var producer = new KafkaProducer<String, byte[]>(KafkaProps.producer(infra.kafkaBootstrap(), "stuck-it"))) {
            consumer.start();
            for (int i = 0; i < 3; i++) {
                ControlCommand c = ControlCommand.newBuilder().setMigrationId("m" + i).setAction("PAUSE").setAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(topic, "m", CODEC.encode(c))).get();
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertThat(received).as("the first event done, the second in flight, the third waiting behind it").hasSize(2);

            // slow but alive: touched more often than the limit
            for (int i = 0; i < 8; i++) {
                consumer.touch(received.get(1));
                Thread.sleep(300);
            }
            assertThat(health.snapshot()).containsEntry("test.consumer", Health.UP);

            Thread.sleep(2_000);
            String state = health.snapshot().get("test.consumer");
            assertThat(state).startsWith("DOWN: stuck: ").contains(topic + "/0@1").contains("in flight");
            assertThat(health.up()).isFalse();
            assertThat(registry.get("zdm_consumer_oldest_in_flight_seconds").tag("consumer", "stuck-it").gauge().value()).isGreaterThan(2);
            assertThat(received).as("nothing passes a stuck event on its partition").hasSize(2);

            never.complete();
            deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 3 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertThat(received).hasSize(3);
        } finally {
            publisher.close();
            vertx.close();
        }
    }
}

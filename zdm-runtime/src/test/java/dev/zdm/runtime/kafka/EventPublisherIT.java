package dev.zdm.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.events.ControlCommand;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.runtime.serde.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a caller chains on a publish runs back on the caller's Vert.x context, never on the producer's
 * network thread: there, a second send to a topic whose metadata the producer has not fetched yet
 * blocks the only thread that could fetch it (a rejected migration's progress event waited 60 s).
 */
@ExtendWith(ZdmInfraExtension.class)
class EventPublisherIT {
    @Test
    void a_chained_publish_runs_on_the_callers_context(TestInfra infra) throws Exception {
        String first = infra.topicPrefix() + ".first";
        String second = infra.topicPrefix() + ".second";
        TopicAdmin.ensure(infra.kafkaBootstrap(), List.of(first, second), 1);
        Vertx vertx = Vertx.vertx();
        EventPublisher publisher = new EventPublisher(infra.kafkaBootstrap(), "publisher-it", EventCodec.standard(), new SimpleMeterRegistry());
        try {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Boolean> onCallerContext = new CompletableFuture<>();
            CompletableFuture<Long> secondOffset = new CompletableFuture<>();
            context.runOnContext(v -> publisher.publish(first, "k", event("a"))
                    .compose(sent -> {
                        onCallerContext.complete(Vertx.currentContext() == context);
                        return publisher.publish(second, "k", event("b"));
                    })
                    .onSuccess(m -> secondOffset.complete(m.offset()))
                    .onFailure(secondOffset::completeExceptionally));
            assertThat(onCallerContext.get(30, TimeUnit.SECONDS)).as("continuation on the caller's context").isTrue();
            assertThat(secondOffset.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            publisher.close();
            vertx.close();
        }
    }

    private static ControlCommand event(String id) {
        return ControlCommand.newBuilder().setMigrationId(id).setAction("PAUSE").setAt(Instant.now()).build();
    }
}

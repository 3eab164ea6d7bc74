package dev.zdm.runtime;

import dev.zdm.runtime.config.CommonConfig;
import dev.zdm.runtime.http.Health;
import dev.zdm.runtime.kafka.EventPublisher;
import dev.zdm.runtime.serde.EventCodec;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * What every service of a process shares: one Vert.x instance (with its own metrics in the registry),
 * one Prometheus registry, the event codec, one Kafka producer, and the health checks. Services of an
 * all-in-one process share one Platform.
 */
public final class Platform implements AutoCloseable {
    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final EventCodec codec;
    private final EventPublisher publisher;
    private final Health health = new Health();
    private final CommonConfig config;

    private Platform(Vertx vertx, PrometheusMeterRegistry registry, EventCodec codec, EventPublisher publisher, CommonConfig config) {
        this.vertx = vertx;
        this.registry = registry;
        this.codec = codec;
        this.publisher = publisher;
        this.config = config;
    }

    public static Platform start(CommonConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        EventCodec codec = EventCodec.standard();
        EventPublisher publisher = new EventPublisher(config.kafkaBootstrap(), "zdm-" + config.instanceId(), codec, registry);
        return new Platform(vertx, registry, codec, publisher, config);
    }

    public Vertx vertx() {
        return vertx;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public EventCodec codec() {
        return codec;
    }

    public EventPublisher publisher() {
        return publisher;
    }

    public Health health() {
        return health;
    }

    public CommonConfig config() {
        return config;
    }

    /** Flushes the producer and closes Vert.x. */
    public Future<Void> shutdown() {
        publisher.close();
        return vertx.close();
    }

    @Override
    public void close() {
        shutdown().toCompletionStage().toCompletableFuture().join();
    }
}

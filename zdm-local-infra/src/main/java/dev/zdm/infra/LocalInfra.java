package dev.zdm.infra;

import dev.zdm.infra.launch.ContainerKafka;
import dev.zdm.infra.launch.ContainerPostgres;
import dev.zdm.infra.launch.DockerProbe;
import dev.zdm.infra.launch.EmbeddedKafka;
import dev.zdm.infra.launch.EmbeddedPostgresServer;
import dev.zdm.infra.launch.ExternalKafka;
import dev.zdm.infra.launch.ExternalPostgres;
import dev.zdm.infra.launch.LaunchPlan;
import dev.zdm.infra.launch.RunningKafka;
import dev.zdm.infra.launch.RunningPostgres;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker and a PostgreSQL server ready for use: started here (in-process or in containers) or
 * already running elsewhere, as {@link InfraOptions} decide. Broker and database start in parallel.
 *
 * <p>{@link #close()} stops what was started and deletes its data; a shutdown hook does the same if
 * the JVM ends first. Tests should not create their own: {@link SharedInfra#get()} gives the one of
 * the JVM. Thread-safe.
 */
public final class LocalInfra implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

    private final Started<RunningKafka> kafka;
    private final Started<RunningPostgres> postgres;
    private final boolean shared;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;
    private final java.util.List<AutoCloseable> closeFirst = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalInfra(Started<RunningKafka> kafka, Started<RunningPostgres> postgres, boolean shared) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.shared = shared;
        this.shutdownHook = new Thread(this::stop, "zdm-infra-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Provides Kafka and PostgreSQL as the environment says ({@link InfraOptions#fromEnvironment()}).
     *
     * @throws InfraException when either cannot be provided; nothing is left running then
     */
    public static LocalInfra start() {
        return start(InfraOptions.fromEnvironment());
    }

    /**
     * Provides Kafka and PostgreSQL as {@code options} say.
     *
     * @throws InfraException when either cannot be provided; nothing is left running then
     */
    public static LocalInfra start(InfraOptions options) {
        return start(options, false);
    }

    static LocalInfra start(InfraOptions options, boolean shared) {
        LaunchPlan plan = LaunchPlan.of(options, DockerProbe::dockerAvailable);
        CompletableFuture<Started<RunningKafka>> kafka = startAsync("kafka", () -> startKafka(plan.kafka(), options));
        CompletableFuture<Started<RunningPostgres>> postgres =
                startAsync("postgres", () -> startPostgres(plan.postgres(), options));
        CompletableFuture.allOf(kafka, postgres).handle((ignored, e) -> null).join();
        if (kafka.isCompletedExceptionally() || postgres.isCompletedExceptionally()) {
            throw startFailure(kafka, postgres);
        }
        LocalInfra infra = new LocalInfra(kafka.join(), postgres.join(), shared);
        LOG.info("{}", infra.describe());
        return infra;
    }

    /** Bootstrap servers of the broker, e.g. {@code 127.0.0.1:41234}. */
    public String kafkaBootstrap() {
        return kafka.server().bootstrap();
    }

    /** The PostgreSQL server. */
    public PgServer pg() {
        return postgres.server().server();
    }

    /** How long the broker took to be ready (zero for an external one, apart from the check). */
    public Duration kafkaReadyIn() {
        return kafka.took();
    }

    /** How long PostgreSQL took to be ready. */
    public Duration postgresReadyIn() {
        return postgres.took();
    }

    /**
     * One line: what runs where and how long it took, e.g. {@code kafka: embedded KRaft 4.3.1 at
     * 127.0.0.1:41234 (ready in 4.8 s); postgres: embedded 15.19 at 127.0.0.1:40111 (ready in 3.2 s)}.
     */
    public String describe() {
        return "kafka: " + kafka.server().description() + " (ready in " + seconds(kafka.took()) + "); postgres: "
                + postgres.server().description() + " (ready in " + seconds(postgres.took()) + ")";
    }

    /**
     * Stops the broker and the database if they were started here and deletes their data. Idempotent.
     * On the JVM's shared instance ({@link SharedInfra}) this does nothing: it stops when the JVM ends.
     */
    @Override
    public void close() {
        if (shared) {
            LOG.warn("close() ignored on the shared infrastructure; it stops when the JVM ends");
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or has run; stop() below is idempotent
        }
        stop();
    }

    /**
     * Closes {@code user} (e.g. the services consuming from this broker) before the broker and the
     * database stop, whichever way they stop: {@link #close()} or the JVM's shutdown. Without it, a
     * shutdown runs both hooks at once and the services lose their broker mid-close.
     */
    public LocalInfra closingFirst(AutoCloseable user) {
        closeFirst.add(0, user);
        return this;
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable user : closeFirst) {
            try {
                user.close();
            } catch (Exception e) {
                LOG.warn("closing {} before the infrastructure failed: {}", user, e.toString());
            }
        }
        RuntimeException failure = null;
        try {
            kafka.server().close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            postgres.server().close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw new InfraException("stopping the local infrastructure failed: " + failure.getMessage(), failure);
        }
    }

    private static RunningKafka startKafka(LaunchPlan.Kind kind, InfraOptions options) {
        return switch (kind) {
            case EXTERNAL -> ExternalKafka.connect(options.kafkaBootstrap().orElseThrow());
            case CONTAINER -> ContainerKafka.start();
            case EMBEDDED -> EmbeddedKafka.start();
        };
    }

    private static RunningPostgres startPostgres(LaunchPlan.Kind kind, InfraOptions options) {
        return switch (kind) {
            case EXTERNAL -> ExternalPostgres.connect(options.pgUrl().orElseThrow(), options.pgUser(),
                    options.pgPassword());
            case CONTAINER -> ContainerPostgres.start(options.postgresSettings());
            case EMBEDDED -> EmbeddedPostgresServer.start(options.postgresSettings());
        };
    }

    private static <T> CompletableFuture<Started<T>> startAsync(String what, Supplier<T> start) {
        CompletableFuture<Started<T>> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long begin = System.nanoTime();
            try {
                T server = start.get();
                future.complete(new Started<>(server, Duration.ofNanos(System.nanoTime() - begin)));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "zdm-infra-start-" + what);
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** Stops whichever of the two did start, and says what failed and what to try. */
    private static InfraException startFailure(CompletableFuture<Started<RunningKafka>> kafka,
                                               CompletableFuture<Started<RunningPostgres>> postgres) {
        Throwable kafkaError = kafka.handle((started, e) -> e).join();
        Throwable pgError = postgres.handle((started, e) -> e).join();
        if (kafkaError == null) {
            kafka.join().server().close();
        }
        if (pgError == null) {
            postgres.join().server().close();
        }
        String message = (kafkaError != null ? "Kafka could not be provided: " + kafkaError + ". " : "")
                + (pgError != null ? "PostgreSQL could not be provided: " + pgError + ". " : "")
                + "Set ZDM_INFRA=embedded to skip Docker, or ZDM_KAFKA_BOOTSTRAP / ZDM_PG_URL to use running servers.";
        InfraException failure = new InfraException(message, kafkaError != null ? kafkaError : pgError);
        if (kafkaError != null && pgError != null) {
            failure.addSuppressed(pgError);
        }
        return failure;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A server and how long it took to be ready. */
    private record Started<T>(T server, Duration took) {
    }
}

package dev.zdm.cli;

import dev.zdm.domain.input.Inputs;
import dev.zdm.cli.follow.ProgressFollower;
import dev.zdm.cli.follow.MigrationBlock;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.MigrationRequested;
import dev.zdm.events.ProgressEvent;
import dev.zdm.runtime.auth.EventSignature;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.messaging.Topics;
import dev.zdm.runtime.serde.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Producing events from the command line and following a migration to its end. */
public final class Requests {
    private static final EventCodec CODEC = EventCodec.standard();

    private Requests() {
    }

    /**
     * The first bad name of {@code checks} (pairs of what and value), reported as {@code command: what
     * problem} on standard error; true when all are valid names ({@link Inputs#nameProblem}).
     */
    static boolean validNames(String command, String... checks) {
        for (int i = 0; i + 1 < checks.length; i += 2) {
            String problem = Inputs.nameProblem(checks[i + 1]);
            if (problem != null) {
                System.err.println("zdm " + command + ": " + checks[i] + " " + problem);
                return false;
            }
        }
        return true;
    }

    public static String newMigrationId(String hint) {
        String base = hint == null ? "m" : hint.replaceAll("\\.sql$", "").replaceAll("[^A-Za-z0-9_-]", "-");
        return base + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    }

    public static MigrationRequested request(String id, String target, String source, String sql) {
        return MigrationRequested.newBuilder().setMigrationId(id).setTarget(target).setSource(source).setSql(sql)
                .setRequestedBy(System.getProperty("user.name")).setRequestedAt(Instant.now()).setOptions(Map.of()).build();
    }

    /**
     * Sends one event and waits for the broker's acknowledgement.
     *
     * @param signingKey the digest of the sender's token ({@link TokenOption#signingKey}), or null to send it unsigned
     *                   (events between services, which no caller sends)
     */
    public static void send(String bootstrap, String topic, String key, SpecificRecord event, byte[] signingKey) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(KafkaProps.producer(bootstrap, "zdm-cli"))) {
            byte[] value = CODEC.encode(event);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            if (signingKey != null) EventSignature.sign(record.headers(), signingKey, topic, key, value);
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Submits {@code request} and follows its progress until the planner reports a final state;
     * returns that state (or TIMEOUT).
     */
    public static String submitAndFollow(String bootstrap, Topics topics, MigrationRequested request, byte[] signingKey, Duration timeout,
                                  Consumer<ProgressEvent> onEvent) throws Exception {
        return submitAndFollow(bootstrap, topics, request, signingKey, timeout, plan -> { }, onEvent);
    }

    /** As above, handing {@code onPlan} the migration's plan ({@code MigrationPlanned}) when it is published. */
    public static String submitAndFollow(String bootstrap, Topics topics, MigrationRequested request, byte[] signingKey, Duration timeout,
                                         Consumer<MigrationPlanned> onPlan, Consumer<ProgressEvent> onEvent) throws Exception {
        String id = request.getMigrationId();
        try (ProgressFollower follower = new ProgressFollower(bootstrap, topics.progress(), topics.migrationPlans(), CODEC, false)
                .onPlan(p -> { if (p.getMigrationId().equals(id)) onPlan.accept(p); })) {
            send(bootstrap, topics.migrationRequests(), request.getMigrationId(), request, signingKey);
            return follow(follower, request.getMigrationId(), timeout, onEvent);
        }
    }

    static String follow(ProgressFollower follower, String migrationId, Duration timeout, Consumer<ProgressEvent> onEvent) {
        return follow(follower, migrationId, timeout, onEvent, MigrationBlock::isFinal);
    }

    /**
     * Hands {@code onEvent} the progress events of {@code migrationId} until one that {@code end} accepts
     * (after it is handed on); returns that event's state, or TIMEOUT.
     */
    public static String follow(ProgressFollower follower, String migrationId, Duration timeout, Consumer<ProgressEvent> onEvent,
                                java.util.function.Predicate<ProgressEvent> end) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ProgressEvent e : follower.poll(Duration.ofMillis(200))) {
                if (!e.getMigrationId().equals(migrationId)) continue;
                onEvent.accept(e);
                if (end.test(e)) return e.getState();
            }
        }
        return "TIMEOUT";
    }

    /**
     * The deployment a progress event says its migration waits for, as {@code {service, version}}: the
     * planner reports {@code WAITING_DEPLOYMENT} with "waiting for service@version".
     */
    public static Optional<String[]> awaitedDeployment(ProgressEvent e) {
        if (!"WAITING_DEPLOYMENT".equals(e.getState())) return Optional.empty();
        return MigrationBlock.awaited(e.getMessage()).map(d -> d.split("@", 2));
    }

    /** Announces, as a deploy system would, that {@code service@version} is live. */
    public static void deployed(String bootstrap, Topics topics, String service, String version, String environment, byte[] signingKey)
            throws Exception {
        send(bootstrap, topics.deployments(), service, DeploymentEvent.newBuilder().setService(service).setVersion(version)
                .setEnvironment(environment).setDeployedAt(Instant.now()).build(), signingKey);
    }

    public static EventCodec codec() {
        return CODEC;
    }
}

package dev.zdm.sync.testing;

import dev.zdm.events.ControlCommand;
import dev.zdm.events.SyncCommand;
import dev.zdm.events.SyncStatus;
import dev.zdm.runtime.auth.EventSignature;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.kafka.KafkaProps;
import dev.zdm.runtime.messaging.Topics;
import dev.zdm.runtime.serde.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The executor's side of the protocol, for tests: sends SyncCommands and ControlCommands, follows SyncStatus. */
public final class Bus implements AutoCloseable {
    private final Topics topics;
    private final EventCodec codec = EventCodec.standard();
    private final KafkaProducer<String, byte[]> producer;
    private final List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
    private final Thread follower;
    private volatile boolean running = true;

    public Bus(String bootstrap, Topics topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(KafkaProps.producer(bootstrap, "test-bus"));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaProps.follower(bootstrap, "test-" + UUID.randomUUID(), "earliest"));
        consumer.subscribe(List.of(topics.syncStatus()));
        follower = new Thread(() -> {
            try (consumer) {
                while (running) consumer.poll(Duration.ofMillis(100)).forEach(r -> statuses.add(codec.decode(r.value(), SyncStatus.class)));
            }
        }, "test-bus");
        follower.setDaemon(true);
        follower.start();
    }

    public static final String OPERATOR_TOKEN = Tokens.generate();

    public static SyncCommand.Builder command(String migrationId, String phaseId, String action) {
        return SyncCommand.newBuilder().setMigrationId(migrationId).setTarget(Harness.TARGET).setPhaseId(phaseId).setAction(action)
                .setMode("DUAL_WRITE").setKeyColumns(List.of()).setMapping(Map.of())
                .setReverseMapping(Map.of()).setIssuedAt(Instant.now());
    }

    public void send(SyncCommand command) {
        producer.send(new ProducerRecord<>(topics.syncCommands(), command.getMigrationId(), codec.encode(command)));
        producer.flush();
    }

    /** An operator's cancel, signed with {@link #OPERATOR_TOKEN}. */
    public void cancel(String migrationId) {
        ControlCommand cancel = ControlCommand.newBuilder().setMigrationId(migrationId).setAction("CANCEL").setAt(Instant.now()).build();
        byte[] value = codec.encode(cancel);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.control(), migrationId, value);
        EventSignature.sign(record.headers(), Tokens.digest(OPERATOR_TOKEN), topics.control(), migrationId, value);
        producer.send(record);
        producer.flush();
    }

    /** Settings that make a service accept {@link #OPERATOR_TOKEN}'s control commands. */
    public static Map<String, String> operatorTokenSettings() {
        return Map.of("auth.tokens.ops.digest", Tokens.digestHex(OPERATOR_TOKEN), "auth.tokens.ops.roles", "operator");
    }

    /** The first status of {@code migrationId} for {@code phaseId} that is one of {@code states}, waiting up to {@code timeout}. */
    public SyncStatus await(String migrationId, String phaseId, Duration timeout, String... states) throws InterruptedException {
        List<String> wanted = List.of(states);
        return await(s -> s.getMigrationId().equals(migrationId) && s.getPhaseId().equals(phaseId) && wanted.contains(s.getState()), timeout,
                migrationId + " " + phaseId + " " + wanted);
    }

    public SyncStatus await(Predicate<SyncStatus> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (SyncStatus s : statuses) if (match.test(s)) return s;
            Thread.sleep(50);
        }
        throw new AssertionError("no SyncStatus " + what + " within " + timeout + "; saw " + statuses.stream()
                .map(s -> s.getMigrationId() + "/" + s.getPhaseId() + "/" + s.getState()).distinct().toList());
    }

    public List<SyncStatus> statuses() {
        return statuses;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        follower.join(5_000);
        producer.close();
    }
}

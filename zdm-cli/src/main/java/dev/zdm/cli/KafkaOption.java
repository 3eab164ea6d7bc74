package dev.zdm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Where the broker is: {@code --kafka}, else {@code ZDM_KAFKA_BOOTSTRAP}, else what a local {@code zdm up} recorded. */
public final class KafkaOption {
    /** {@code zdm up} records its broker here so that submit, watch and deployed find it. */
    public static final Path RECORDED = Path.of(System.getProperty("user.home"), ".zdm", "kafka-bootstrap");

    @CommandLine.Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers (default: $ZDM_KAFKA_BOOTSTRAP, else the broker of a local `zdm up`)")
    String bootstrap;

    @CommandLine.Option(names = "--topic-prefix", defaultValue = "zdm", description = "topic name prefix (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    public String bootstrap() {
        if (bootstrap != null) return bootstrap;
        String env = System.getenv("ZDM_KAFKA_BOOTSTRAP");
        if (env != null && !env.isBlank()) return env;
        try {
            if (Files.exists(RECORDED)) return Files.readString(RECORDED).trim();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "cannot read " + RECORDED + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("no broker: pass --kafka BOOTSTRAP, set ZDM_KAFKA_BOOTSTRAP, or start `zdm up` first");
    }

    public dev.zdm.runtime.messaging.Topics topics() {
        return new dev.zdm.runtime.messaging.Topics(topicPrefix);
    }

    static void record(String bootstrap) {
        try {
            Files.createDirectories(RECORDED.getParent());
            Files.writeString(RECORDED, bootstrap + "\n");
        } catch (IOException e) {
            System.err.println("note: could not record the broker in " + RECORDED + " (" + e.getMessage() + "); pass --kafka to later commands");
        }
    }
}

package dev.zdm.infra.launch;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker in a Testcontainers container ({@code apache/kafka}, KRaft, single node). The image
 * defaults to the version of the Kafka client on the classpath; {@value #IMAGE_ENV} overrides it.
 */
public final class ContainerKafka implements RunningKafka {

    /** Environment variable naming the broker image, e.g. {@code apache/kafka:4.3.1}. */
    public static final String IMAGE_ENV = "ZDM_KAFKA_IMAGE";

    private final KafkaContainer container;
    private final String image;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerKafka(KafkaContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Starts the container and waits until the broker accepts clients. */
    public static ContainerKafka start() {
        String image = System.getenv().getOrDefault(IMAGE_ENV, "apache/kafka:" + AppInfoParser.getVersion());
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("apache/kafka"))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
        return new ContainerKafka(container, image);
    }

    @Override
    public String bootstrap() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "container " + image + " at " + bootstrap();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.close();
        }
    }
}

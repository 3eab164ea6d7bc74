package dev.zdm.infra.launch;

/**
 * A Kafka broker this process can use. {@link #close()} stops what was started (nothing for an
 * external broker) and deletes its data; it is idempotent.
 */
public sealed interface RunningKafka extends AutoCloseable permits EmbeddedKafka, ContainerKafka, ExternalKafka {

    /** Bootstrap servers, e.g. {@code 127.0.0.1:41234}. */
    String bootstrap();

    /** What this is, e.g. {@code embedded KRaft 4.3.1 at 127.0.0.1:41234}. */
    String description();

    @Override
    void close();
}

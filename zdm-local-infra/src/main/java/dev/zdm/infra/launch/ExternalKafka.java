package dev.zdm.infra.launch;

import dev.zdm.infra.InfraException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A broker that already runs elsewhere; nothing is started or stopped. */
public final class ExternalKafka implements RunningKafka {

    private static final int CHECK_TIMEOUT_MS = 10_000;

    private final String bootstrap;

    private ExternalKafka(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Checks that the broker at {@code bootstrap} answers.
     *
     * @throws InfraException when it does not within 10 s
     */
    public static ExternalKafka connect(String bootstrap) {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_MS);
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new InfraException("Kafka at " + bootstrap + " (ZDM_KAFKA_BOOTSTRAP) does not answer: " + e
                    + "; check the address or unset ZDM_KAFKA_BOOTSTRAP to start a broker", e);
        }
        return new ExternalKafka(bootstrap);
    }

    @Override
    public String bootstrap() {
        return bootstrap;
    }

    @Override
    public String description() {
        return "external at " + bootstrap;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}

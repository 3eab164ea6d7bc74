package dev.zdm.runtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates zdm's topics and their dead-letter twins when missing. Blocking: call at start-up, off the event loop. */
public final class TopicAdmin {
    /**
     * Twelve: up to twelve phases run at once across the workers (each partition hands one phase at a
     * time to its consumer, and one migration stays on one partition), spread over 2, 3, 4 or 6 workers
     * evenly. Set with {@code kafka.partitions}.
     */
    public static final int DEFAULT_PARTITIONS = 12;
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /** Ensures {@code topics} and their {@code .dlq} twins exist; existing topics are left as they are. */
    public static void ensure(String bootstrap, List<String> topics, int partitions) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String t : topics) {
            wanted.add(new NewTopic(t, Optional.of(partitions), Optional.empty()));
            wanted.add(new NewTopic(dev.zdm.runtime.messaging.Topics.dlq(t), Optional.of(1), Optional.empty()));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) return;
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            LOG.info("created {} topics on {}", missing.size(), bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create zdm topics on " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}

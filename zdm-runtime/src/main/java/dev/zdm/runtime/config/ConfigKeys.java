package dev.zdm.runtime.config;

import java.util.List;

/** Keys every zdm service reads. */
public final class ConfigKeys {
    public static final Key<String> KAFKA_BOOTSTRAP = new Key<>("kafka.bootstrap",
            "Kafka bootstrap servers, host:port[,host:port]", null, s -> s, s -> s.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
            "must be host:port[,host:port...]");
    public static final Key<String> TOPIC_PREFIX = Key.string("kafka.topicPrefix", "zdm",
            "prefix of every topic name (zdm.migration.requests...)");
    public static final Key<String> HTTP_HOST = Key.string("http.host", "127.0.0.1",
            "address the HTTP endpoint listens on; loopback by default, 0.0.0.0 to serve other hosts");
    public static final Key<Boolean> HTTP_METRICS_OPEN = Key.flag("http.metricsOpen", true,
            "serve /metrics to anyone who reaches the port; false: only to viewer tokens");
    public static final Key<Integer> HTTP_PORT = Key.integer("http.port", 8080, 0, 65535,
            "port of /health and /metrics; 0 picks a free one");
    public static final Key<String> INSTANCE_ID = Key.string("instance.id", "local",
            "this process's name in logs, events and consumer client ids");

    public static final Key<Long> OUTAGE_WINDOW = Key.millis("database.outageWindowMs", dev.zdm.domain.error.Backoff.DEFAULT_OUTAGE_WINDOW_MS, 0,
            86_400_000, "how long every service waits out an unreachable database or broker (a restart, a failover) before what it was doing "
                    + "fails; 0: a lost connection is retried like any retriable error");

    public static final Key<Integer> PARTITIONS = Key.integer("kafka.partitions", dev.zdm.runtime.kafka.TopicAdmin.DEFAULT_PARTITIONS, 1, 10_000,
            "partitions of each topic zdm creates: how many phases can run at once across all workers (one migration stays on one "
                    + "partition); a topic that exists keeps its count");

    /** The keys of {@link CommonConfig}; targets and tokens are read by their prefixes, {@link #PATTERN_PREFIXES}. */
    public static final List<Key<?>> COMMON = List.of(KAFKA_BOOTSTRAP, TOPIC_PREFIX, HTTP_HOST, HTTP_PORT, HTTP_METRICS_OPEN,
            INSTANCE_ID, AuthConfig.TOKENS_FILE, OUTAGE_WINDOW, PARTITIONS);
    public static final String TARGETS_PREFIX = "targets.";
    public static final java.util.Set<String> PATTERN_PREFIXES = java.util.Set.of(TARGETS_PREFIX, AuthConfig.TOKENS_PREFIX);

    private ConfigKeys() {
    }
}

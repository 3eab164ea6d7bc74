package dev.zdm.runtime.messaging;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every Kafka topic zdm uses, in one place. Names are {@code <prefix>.<name>}; the prefix is
 * {@code zdm} in production and unique per test so tests sharing a broker never see each other's
 * events. Each topic is keyed by migration id (breakers by breaker name, deployments by service),
 * so one migration's events stay in order on one partition. Every topic has a {@code .dlq} twin for
 * events that cannot be decoded or are invalid.
 *
 * @param prefix the topic name prefix, e.g. {@code zdm}
 */
public record Topics(String prefix) {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    public static final String DEFAULT_PREFIX = "zdm";
    public static final Topics DEFAULT = new Topics(DEFAULT_PREFIX);
    private static final String DLQ_SUFFIX = ".dlq";

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' may only hold letters, digits, '.', '_' and '-'");
        }
    }

    /** {@code MigrationRequested}, keyed by migration id. */
    public String migrationRequests() {
        return name("migration.requests");
    }

    /** {@code MigrationPlanned} and {@code MigrationRejected}, keyed by migration id. */
    public String migrationPlans() {
        return name("migration.plans");
    }

    public String phaseCommands() {
        return name("phase.commands");
    }

    public String phaseResults() {
        return name("phase.results");
    }

    public String syncCommands() {
        return name("sync.commands");
    }

    public String syncStatus() {
        return name("sync.status");
    }

    public String progress() {
        return name("progress");
    }

    /** {@code DeploymentEvent}, keyed by service. */
    public String deployments() {
        return name("deployments");
    }

    /** {@code CircuitBreakerEvent}, keyed by breaker name. */
    public String breaker() {
        return name("breaker");
    }

    public String control() {
        return name("control");
    }

    /** The topics the pipeline needs, created at start-up when missing. */
    public List<String> all() {
        return List.of(migrationRequests(), migrationPlans(), phaseCommands(), phaseResults(), syncCommands(),
                syncStatus(), progress(), deployments(), breaker(), control());
    }

    /** The dead-letter twin of {@code topic}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private String name(String suffix) {
        return prefix + "." + suffix;
    }
}

package dev.zdm.runtime.messaging;

import java.util.List;

/**
 * Every Kafka topic zdm uses, in one place. Each topic is keyed by migration id (breakers by breaker
 * name, deployments by service), so one migration's events stay in order on one partition. Every
 * topic has a {@code .dlq} twin for events that cannot be decoded or are invalid.
 */
public final class Topics {
    public static final String MIGRATION_REQUESTS = "zdm.migration.requests";
    /** {@code MigrationPlanned} and {@code MigrationRejected}. */
    public static final String MIGRATION_PLANS = "zdm.migration.plans";
    public static final String PHASE_COMMANDS = "zdm.phase.commands";
    public static final String PHASE_RESULTS = "zdm.phase.results";
    public static final String SYNC_COMMANDS = "zdm.sync.commands";
    public static final String SYNC_STATUS = "zdm.sync.status";
    public static final String PROGRESS = "zdm.progress";
    public static final String DEPLOYMENTS = "zdm.deployments";
    public static final String BREAKER = "zdm.breaker";
    public static final String CONTROL = "zdm.control";

    /** The topics the pipeline needs, created at start-up when missing. */
    public static final List<String> ALL = List.of(MIGRATION_REQUESTS, MIGRATION_PLANS, PHASE_COMMANDS, PHASE_RESULTS,
            SYNC_COMMANDS, SYNC_STATUS, PROGRESS, DEPLOYMENTS, BREAKER, CONTROL);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter twin of {@code topic}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}

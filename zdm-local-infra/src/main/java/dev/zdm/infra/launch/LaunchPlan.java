package dev.zdm.infra.launch;

import dev.zdm.infra.InfraOptions;
import java.util.function.BooleanSupplier;

/**
 * Which kind of Kafka and of PostgreSQL to provide. An external server named in the options always
 * wins; otherwise {@link InfraOptions.Mode} decides, {@code AUTO} asking whether Docker answers (at
 * most once, and only when something has to be started).
 *
 * @param kafka    the kind of broker
 * @param postgres the kind of database server
 */
public record LaunchPlan(Kind kafka, Kind postgres) {

    /** Where a server comes from. */
    public enum Kind { EXTERNAL, CONTAINER, EMBEDDED }

    /**
     * Decides for {@code options}.
     *
     * @param dockerAvailable asked only in {@code AUTO} mode when a server must be started
     */
    public static LaunchPlan of(InfraOptions options, BooleanSupplier dockerAvailable) {
        boolean kafkaExternal = options.kafkaBootstrap().isPresent();
        boolean pgExternal = options.pgUrl().isPresent();
        Kind started = kafkaExternal && pgExternal ? Kind.EXTERNAL : startedKind(options.mode(), dockerAvailable);
        return new LaunchPlan(kafkaExternal ? Kind.EXTERNAL : started, pgExternal ? Kind.EXTERNAL : started);
    }

    private static Kind startedKind(InfraOptions.Mode mode, BooleanSupplier dockerAvailable) {
        return switch (mode) {
            case EMBEDDED -> Kind.EMBEDDED;
            case DOCKER -> Kind.CONTAINER;
            case AUTO -> dockerAvailable.getAsBoolean() ? Kind.CONTAINER : Kind.EMBEDDED;
        };
    }
}

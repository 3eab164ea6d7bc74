package dev.zdm.infra;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link LocalInfra} provides Kafka and PostgreSQL.
 *
 * @param mode             how to start what is not external
 * @param kafkaBootstrap   an existing broker's bootstrap servers; when present no broker is started
 * @param pgUrl            an existing PostgreSQL as a JDBC URL (user and password as parameters or in
 *                         {@code pgUser} / {@code pgPassword}); its database is the maintenance database
 *                         used to create and drop test databases; when present no server is started
 * @param pgUser           user for {@code pgUrl}, overriding the URL's
 * @param pgPassword       password for {@code pgUrl}, overriding the URL's
 * @param postgresSettings server settings applied on top of the defaults when PostgreSQL is started
 *                         (ignored for an external server)
 */
public record InfraOptions(Mode mode, Optional<String> kafkaBootstrap, Optional<String> pgUrl,
                           Optional<String> pgUser, Optional<String> pgPassword,
                           Map<String, String> postgresSettings) {

    /** Environment variable choosing the {@link Mode} ({@code auto}, {@code embedded}, {@code docker}). */
    public static final String ENV_MODE = "ZDM_INFRA";
    /** Environment variable naming an existing broker. */
    public static final String ENV_KAFKA_BOOTSTRAP = "ZDM_KAFKA_BOOTSTRAP";
    /** Environment variable naming an existing PostgreSQL as a JDBC URL. */
    public static final String ENV_PG_URL = "ZDM_PG_URL";
    /** Environment variable with the user for {@link #ENV_PG_URL}. */
    public static final String ENV_PG_USER = "ZDM_PG_USER";
    /** Environment variable with the password for {@link #ENV_PG_URL}. */
    public static final String ENV_PG_PASSWORD = "ZDM_PG_PASSWORD";

    /** How to start a server that is not given as external. */
    public enum Mode {
        /** Testcontainers when a Docker engine answers, in-process otherwise. */
        AUTO,
        /** Always in-process (KRaft in this JVM, embedded PostgreSQL binaries); no Docker probe. */
        EMBEDDED,
        /** Always Testcontainers; fails when no Docker engine answers. */
        DOCKER
    }

    public InfraOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(pgUrl, "pgUrl");
        Objects.requireNonNull(pgUser, "pgUser");
        Objects.requireNonNull(pgPassword, "pgPassword");
        postgresSettings = Map.copyOf(postgresSettings);
        kafkaBootstrap = kafkaBootstrap.filter(s -> !s.isBlank());
        pgUrl = pgUrl.filter(s -> !s.isBlank());
    }

    /** Start everything, choosing containers or in-process by {@link Mode#AUTO}. */
    public static InfraOptions defaults() {
        return new InfraOptions(Mode.AUTO, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of());
    }

    /** Options read from the process environment (see the {@code ENV_*} constants). */
    public static InfraOptions fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Options read from {@code env}.
     *
     * @throws IllegalArgumentException when {@link #ENV_MODE} holds an unknown mode
     */
    public static InfraOptions fromEnvironment(Map<String, String> env) {
        return new InfraOptions(parseMode(env.get(ENV_MODE)), Optional.ofNullable(env.get(ENV_KAFKA_BOOTSTRAP)),
                Optional.ofNullable(env.get(ENV_PG_URL)), Optional.ofNullable(env.get(ENV_PG_USER)),
                Optional.ofNullable(env.get(ENV_PG_PASSWORD)), Map.of());
    }

    /** A copy with another mode. */
    public InfraOptions withMode(Mode newMode) {
        return new InfraOptions(newMode, kafkaBootstrap, pgUrl, pgUser, pgPassword, postgresSettings);
    }

    /** A copy that uses the broker at {@code bootstrap} instead of starting one. */
    public InfraOptions withKafkaBootstrap(String bootstrap) {
        return new InfraOptions(mode, Optional.of(bootstrap), pgUrl, pgUser, pgPassword, postgresSettings);
    }

    /** A copy that uses the PostgreSQL at {@code jdbcUrl} instead of starting one. */
    public InfraOptions withPostgres(String jdbcUrl, String user, String password) {
        return new InfraOptions(mode, kafkaBootstrap, Optional.of(jdbcUrl), Optional.ofNullable(user),
                Optional.ofNullable(password), postgresSettings);
    }

    /** A copy with one more PostgreSQL server setting (for example {@code max_connections}). */
    public InfraOptions withPostgresSetting(String name, String value) {
        Map<String, String> settings = new LinkedHashMap<>(postgresSettings);
        settings.put(name, value);
        return new InfraOptions(mode, kafkaBootstrap, pgUrl, pgUser, pgPassword, settings);
    }

    private static Mode parseMode(String value) {
        if (value == null || value.isBlank()) {
            return Mode.AUTO;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_MODE + "='" + value + "' is not one of auto, embedded, docker", e);
        }
    }
}

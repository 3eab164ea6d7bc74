package dev.zdm.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InfraOptionsTest {

    @Test
    void anEmptyEnvironmentStartsEverythingInAutoMode() {
        InfraOptions options = InfraOptions.fromEnvironment(Map.of());

        assertThat(options).isEqualTo(InfraOptions.defaults());
        assertThat(options.mode()).isEqualTo(InfraOptions.Mode.AUTO);
        assertThat(options.kafkaBootstrap()).isEmpty();
        assertThat(options.pgUrl()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        InfraOptions options = InfraOptions.fromEnvironment(Map.of(
                "ZDM_INFRA", " Embedded ",
                "ZDM_KAFKA_BOOTSTRAP", "k:9092",
                "ZDM_PG_URL", "jdbc:postgresql://db/app",
                "ZDM_PG_USER", "zdm",
                "ZDM_PG_PASSWORD", "secret"));

        assertThat(options.mode()).isEqualTo(InfraOptions.Mode.EMBEDDED);
        assertThat(options.kafkaBootstrap()).contains("k:9092");
        assertThat(options.pgUrl()).contains("jdbc:postgresql://db/app");
        assertThat(options.pgUser()).contains("zdm");
        assertThat(options.pgPassword()).contains("secret");
    }

    @Test
    void blankServerVariablesCountAsUnset() {
        InfraOptions options = InfraOptions.fromEnvironment(Map.of("ZDM_KAFKA_BOOTSTRAP", " ", "ZDM_PG_URL", ""));

        assertThat(options.kafkaBootstrap()).isEmpty();
        assertThat(options.pgUrl()).isEmpty();
    }

    @Test
    void anUnknownModeNamesTheVariableAndTheChoices() {
        assertThatThrownBy(() -> InfraOptions.fromEnvironment(Map.of("ZDM_INFRA", "podman")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZDM_INFRA='podman'")
                .hasMessageContaining("auto, embedded, docker");
    }

    @Test
    void withersChangeOnlyTheirField() {
        InfraOptions options = InfraOptions.defaults()
                .withPostgresSetting("max_connections", "50")
                .withPostgres("jdbc:postgresql://h/db", null, "pw");

        assertThat(options.postgresSettings()).containsExactlyEntriesOf(Map.of("max_connections", "50"));
        assertThat(options.pgUser()).isEqualTo(Optional.empty());
        assertThat(options.pgPassword()).contains("pw");
        assertThat(options.mode()).isEqualTo(InfraOptions.Mode.AUTO);
    }
}

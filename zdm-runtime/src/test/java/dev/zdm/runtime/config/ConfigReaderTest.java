package dev.zdm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final Key<Long> LOCK_TIMEOUT = Key.millis("executor.lockTimeoutMs", 500, 1, 60_000, "lock timeout");

    @Test
    void reads_common_keys_and_targets() {
        Settings settings = Settings.of(Map.of("kafka.bootstrap", "127.0.0.1:9092", "targets.orders.url",
                "jdbc:postgresql://127.0.0.1:5432/orders?user=app", "targets.orders.poolSize", "8"));
        ConfigReader reader = new ConfigReader(settings);
        CommonConfig config = CommonConfig.read(reader, settings);
        reader.finish(ConfigKeys.COMMON, Set.of(ConfigKeys.TARGETS_PREFIX));

        assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topics().migrationRequests()).isEqualTo("zdm.migration.requests");
        assertThat(config.target("orders").poolSize()).isEqualTo(8);
        assertThat(config.target("orders").vertxUri()).isEqualTo("postgresql://127.0.0.1:5432/orders?user=app");
        assertThat(config.httpHost()).as("HTTP serves this host only unless told otherwise").isEqualTo("127.0.0.1");
        assertThat(config.metricsOpen()).isTrue();
    }

    @Test
    void reports_every_bad_key_at_once() {
        Settings settings = Settings.of(Map.of("kafka.bootstrap", "not a host", "executor.lockTimeoutMs", "-3",
                "executor.lockTimeotMs", "100", "targets.orders.url", "mysql://x", "targets.orders.colour", "red"));
        ConfigReader reader = new ConfigReader(settings);
        CommonConfig.read(reader, settings);
        reader.get(LOCK_TIMEOUT);

        assertThatThrownBy(() -> reader.finish(List.of(ConfigKeys.KAFKA_BOOTSTRAP, LOCK_TIMEOUT), Set.of(ConfigKeys.TARGETS_PREFIX)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "kafka.bootstrap=not a host must be host:port[,host:port...]",
                        "executor.lockTimeoutMs=-3 must be a number of milliseconds within 1..60000",
                        "unknown key executor.lockTimeotMs (did you mean executor.lockTimeoutMs?)",
                        "targets.orders.url=mysql://x must be postgresql://host:port/database (optionally jdbc: prefixed)",
                        "unknown key targets.orders.colour (targets take targets.<name>.url, .user, .password, .passwordFile, .poolSize, .allow)"));
    }

    @Test
    void a_missing_required_key_names_its_environment_variable() {
        ConfigReader reader = new ConfigReader(Settings.of(Map.of()));
        reader.get(ConfigKeys.KAFKA_BOOTSTRAP);
        assertThatThrownBy(() -> reader.finish(ConfigKeys.COMMON, Set.of()))
                .hasMessageContaining("kafka.bootstrap is required").hasMessageContaining("ZDM_KAFKA_BOOTSTRAP");
    }

    @Test
    void environment_overrides_the_file_and_declares_targets() {
        Settings settings = Settings.load(null, Map.of("ZDM_KAFKA_BOOTSTRAP", "k:9092", "ZDM_TARGETS_ORDERS_URL",
                "postgresql://db:5432/orders", "PATH", "/usr/bin"), Map.of("http.port", "0"));
        assertThat(settings.values()).containsEntry("kafka.bootstrap", "k:9092")
                .containsEntry("targets.orders.url", "postgresql://db:5432/orders").containsEntry("http.port", "0")
                .doesNotContainKey("PATH");
    }
}

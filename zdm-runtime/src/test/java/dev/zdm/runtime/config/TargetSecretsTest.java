package dev.zdm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSecretsTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordComesFromItsFileAndNeverShowsInATargetsText() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-from-file\n");
        Settings settings = Settings.load(null, Map.of("ZDM_KAFKA_BOOTSTRAP", "127.0.0.1:9092", "ZDM_TARGETS_ORDERS_URL",
                "postgresql://db:5432/orders", "ZDM_TARGETS_ORDERS_PASSWORDFILE", file.toString()), Map.of());
        ConfigReader reader = new ConfigReader(settings);
        CommonConfig config = CommonConfig.read(reader, settings);
        reader.finish(ConfigKeys.COMMON, ConfigKeys.PATTERN_PREFIXES);

        TargetConfig orders = config.target("orders");
        assertThat(orders.password()).isEqualTo("s3cret-from-file");
        assertThat(orders.toString()).doesNotContain("s3cret").contains("***");
        assertThat(orders.describe()).doesNotContain("s3cret");
    }

    @Test
    void urlsArePrintedWithoutTheirPasswords() {
        assertThat(TargetConfig.redact("postgresql://app:s3cret@db:5432/orders")).isEqualTo("postgresql://app:***@db:5432/orders");
        assertThat(TargetConfig.redact("jdbc:postgresql://db:5432/orders?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/orders?user=app&password=***&ssl=true");
        assertThat(TargetConfig.redact("postgresql://app@db:5432/orders")).isEqualTo("postgresql://app@db:5432/orders");
    }

    @Test
    void aBadUrlOrAnUnreadablePasswordFileIsReportedWithoutTheSecret() {
        Settings settings = Settings.of(Map.of("kafka.bootstrap", "127.0.0.1:9092", "targets.a.url", "mysql://app:s3cret@db/x",
                "targets.b.url", "postgresql://db:5432/b", "targets.b.passwordFile", dir.resolve("missing").toString()));
        ConfigReader reader = new ConfigReader(settings);
        CommonConfig.read(reader, settings);

        assertThatThrownBy(() -> reader.finish(ConfigKeys.COMMON, ConfigKeys.PATTERN_PREFIXES))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(String.join("\n", e.problems())).doesNotContain("s3cret").contains("mysql://app:***@db/x")
                            .contains("targets.b.passwordFile=");
                });
    }
}

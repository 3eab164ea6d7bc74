package dev.zdm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsTokensFromTheConfigurationAndFromATokensFile() throws Exception {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "deploys.digest=" + Tokens.digestHex("zdm_b") + "\ndeploys.roles=deployer\n");
        Settings settings = Settings.of(Map.of("kafka.bootstrap", "127.0.0.1:9092", "auth.tokens.ci.digest", Tokens.digestHex("zdm_a"),
                "auth.tokens.ci.roles", "submitter, Operator", "auth.tokens.ci.targets", "orders,billing", "auth.tokensFile", file.toString()));
        ConfigReader reader = new ConfigReader(settings);
        Tokens tokens = CommonConfig.read(reader, settings).tokens();
        reader.finish(ConfigKeys.COMMON, ConfigKeys.PATTERN_PREFIXES);

        assertThat(tokens.count()).isEqualTo(2);
        var ci = tokens.authenticate("zdm_a").orElseThrow();
        assertThat(ci.roles()).containsExactlyInAnyOrder(Role.SUBMITTER, Role.OPERATOR);
        assertThat(ci.targets()).containsExactlyInAnyOrder("orders", "billing");
        var deploys = tokens.authenticate("zdm_b").orElseThrow();
        assertThat(deploys.roles()).containsExactly(Role.DEPLOYER);
        assertThat(deploys.targets()).containsExactly("*");
    }

    @Test
    void reportsEveryBadTokenAtOnceWithoutPrintingADigest() {
        String digest = Tokens.digestHex("zdm_a");
        Settings settings = Settings.of(Map.of("kafka.bootstrap", "127.0.0.1:9092", "auth.tokens.a.digest", "xyz", "auth.tokens.a.roles", "submitter",
                "auth.tokens.b.digest", digest, "auth.tokens.b.roles", "admin", "auth.tokens.c.digest", digest,
                "auth.tokens.d.colour", "red", "auth.tokensFile", dir.resolve("missing").toString()));
        ConfigReader reader = new ConfigReader(settings);
        CommonConfig.read(reader, settings);

        assertThatThrownBy(() -> reader.finish(ConfigKeys.COMMON, ConfigKeys.PATTERN_PREFIXES))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(5).anySatisfy(p -> assertThat(p).startsWith("token a: digest must be 64 hex digits"))
                            .anySatisfy(p -> assertThat(p).startsWith("token b: unknown role 'admin'"))
                            .anySatisfy(p -> assertThat(p).startsWith("token c: roles are required"))
                            .anySatisfy(p -> assertThat(p).startsWith("unknown key auth.tokens.d.colour"))
                            .anySatisfy(p -> assertThat(p).startsWith("auth.tokensFile=").contains("cannot be read"));
                    assertThat(String.join("\n", e.problems())).doesNotContain(digest);
                });
    }
}

package dev.zdm.planner.parse;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataParserTest {

    @Test
    void readsEveryKnownKey() {
        String json = """
                {"zeroDowntime": true, "phase": "expand", "strategy": "progressive", "progressive": true,
                 "batchSize": 10000, "delayMs": 100, "maxDurationMs": 3600000, "rolloutPercentage": 10,
                 "mapping": {"id": "id", "email": "lower(email)"}, "deploymentVersion": "v2",
                 "deploymentVersions": ["v2", "v3"], "service": "shop", "lockTimeoutMs": 250,
                 "statementTimeoutMs": 1000, "flag": "f", "rolloutSteps": [5, 25, 100], "breaker": "db",
                 "partialIndexWhere": "created_at > now() - interval '30 days'", "keyColumn": "id", "removalDays": 30}
                """.replace("\n", " ");
        Metadata m = SqlSplitter.split("m.sql", "-- @metadata " + json + "\nSELECT 1").get(0).metadata();
        assertThat(m.wantsZeroDowntime()).isTrue();
        assertThat(m.phase()).isEqualTo("expand");
        assertThat(m.strategy()).isEqualTo("progressive");
        assertThat(m.isProgressive()).isTrue();
        assertThat(m.batchSize()).isEqualTo(10000);
        assertThat(m.delayMs()).isEqualTo(100L);
        assertThat(m.maxDurationMs()).isEqualTo(3_600_000L);
        assertThat(m.rolloutPercentage()).isEqualTo(10);
        assertThat(m.mapping()).isEqualTo(Map.of("id", "id", "email", "lower(email)"));
        assertThat(m.deploymentVersion()).isEqualTo("v2");
        assertThat(m.deploymentVersions()).containsExactly("v2", "v3");
        assertThat(m.service()).isEqualTo("shop");
        assertThat(m.lockTimeoutMs()).isEqualTo(250L);
        assertThat(m.statementTimeoutMs()).isEqualTo(1000L);
        assertThat(m.flag()).isEqualTo("f");
        assertThat(m.rolloutSteps()).isEqualTo(List.of(5, 25, 100));
        assertThat(m.breaker()).isEqualTo("db");
        assertThat(m.partialIndexWhere()).contains("30 days");
        assertThat(m.keyColumn()).isEqualTo("id");
        assertThat(m.removalDays()).isEqualTo(30);
        assertThat(m.position().toString()).isEqualTo("m.sql:1:14");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"zeroDowntime\": tru}|m.sql:3:34|not valid JSON",
            "{\"colour\": 1}|m.sql:3:14|unknown metadata key \"colour\"",
            "{\"batchSize\": \"big\"}|m.sql:3:14|batchSize must be a whole number",
            "{\"batchSize\": 0}|m.sql:3:14|batchSize must be",
            "{\"rolloutPercentage\": 101}|m.sql:3:14|rolloutPercentage must be",
            "{\"zeroDowntime\": \"yes\"}|m.sql:3:14|zeroDowntime must be true or false",
            "{\"mapping\": {\"a\": 1}}|m.sql:3:14|mapping.a must be a string",
            "{\"rolloutSteps\": [50, 10]}|m.sql:3:14|increasing percentages",
            "{\"maxDuration\": 1, \"maxDurationMs\": 2}|m.sql:3:14|not both",
            "[1]|m.sql:3:14|must be a JSON object",
            "|m.sql:3:14|no JSON"})
    void badMetadataIsRejectedWithItsLocation(String json, String location, String message) {
        String text = "SELECT 1;\n\n-- @metadata " + (json == null ? "" : json) + "\nSELECT 2;";
        assertThatThrownBy(() -> SqlSplitter.split("m.sql", text))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_METADATA);
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.location()).isEqualTo(location);
                });
    }
}

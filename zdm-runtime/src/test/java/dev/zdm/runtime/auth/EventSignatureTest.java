package dev.zdm.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSignatureTest {
    private final String token = Tokens.generate();
    private final Tokens tokens = new Tokens(List.of(
            new Tokens.Entry(new Principal("ci", Set.of(Role.SUBMITTER), Set.of("*")), Tokens.digest(token))));
    private final byte[] value = "event bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignedEventNamesItsSender() {
        RecordHeaders headers = new RecordHeaders();
        EventSignature.sign(headers, Tokens.digest(token), "zdm.migration.requests", "m-1", value);

        assertThat(EventSignature.verify(tokens, Role.SUBMITTER, "zdm.migration.requests", "m-1", value, headers).name()).isEqualTo("ci");
        assertThat(new String(headers.lastHeader(EventSignature.KEY_ID).value(), StandardCharsets.US_ASCII))
                .as("the key id gives away neither the token nor its digest").doesNotContain(Tokens.digestHex(token).substring(0, 16));
    }

    @Test
    void anythingElseIsDeniedWithTheReason() {
        RecordHeaders signed = new RecordHeaders();
        EventSignature.sign(signed, Tokens.digest(token), "zdm.migration.requests", "m-1", value);
        RecordHeaders stranger = new RecordHeaders();
        EventSignature.sign(stranger, Tokens.digest(Tokens.generate()), "zdm.migration.requests", "m-1", value);

        denied(new RecordHeaders(), "zdm.migration.requests", "m-1", value, Role.SUBMITTER, "not signed");
        denied(stranger, "zdm.migration.requests", "m-1", value, Role.SUBMITTER, "key this service does not know");
        denied(signed, "zdm.migration.requests", "m-1", "other bytes".getBytes(StandardCharsets.UTF_8), Role.SUBMITTER, "does not match");
        denied(signed, "zdm.migration.requests", "m-2", value, Role.SUBMITTER, "does not match");
        denied(signed, "zdm.control", "m-1", value, Role.SUBMITTER, "does not match");
        denied(signed, "zdm.migration.requests", "m-1", value, Role.OPERATOR, "ci does not have the role operator");
        denied(signed, "zdm.migration.requests", "m-1", value, Role.OPERATOR, "ci does not have the role operator");
        assertThatThrownBy(() -> EventSignature.verify(Tokens.none(), Role.SUBMITTER, "zdm.migration.requests", "m-1", value, signed))
                .hasMessageContaining("key this service does not know");
    }

    private void denied(RecordHeaders headers, String topic, String key, byte[] bytes, Role role, String why) {
        assertThatThrownBy(() -> EventSignature.verify(tokens, role, topic, key, bytes, headers))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains(why);
                });
    }
}

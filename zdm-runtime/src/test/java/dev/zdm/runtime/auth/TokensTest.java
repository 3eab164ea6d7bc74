package dev.zdm.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    private final String ciToken = Tokens.generate();
    private final String viewerToken = Tokens.generate();
    private final Tokens tokens = new Tokens(List.of(
            new Tokens.Entry(new Principal("ci", Set.of(Role.SUBMITTER), Set.of("orders")), Tokens.digest(ciToken)),
            new Tokens.Entry(new Principal("dash", Set.of(Role.VIEWER), Set.of("*")), Tokens.digest(viewerToken))));

    @Test
    void aConfiguredTokenAuthenticatesAsItsNameAndNothingElseDoes() {
        assertThat(tokens.authenticate(ciToken)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("ci"));
        assertThat(tokens.authenticate(viewerToken)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("dash"));
        assertThat(tokens.authenticate(ciToken + "x")).isEmpty();
        assertThat(tokens.authenticate(Tokens.digestHex(ciToken))).as("the stored digest is not a password").isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(Tokens.none().authenticate(ciToken)).isEmpty();
    }

    @Test
    void digestsAreStableHexAndTokensAreRandomAndRecognizable() {
        assertThat(Tokens.digestHex("zdm_example")).isEqualTo(Tokens.digestHex("zdm_example")).matches("[0-9a-f]{64}");
        assertThat(Tokens.digestHex("zdm_example")).isNotEqualTo(Tokens.digestHex("zdm_examplf"));
        assertThat(Tokens.generate()).startsWith("zdm_").hasSize(47).isNotEqualTo(Tokens.generate());
    }

    @Test
    void aSubmitterMaySubmitToItsTargetsOnly() {
        Principal ci = tokens.authenticate(ciToken).orElseThrow();
        assertThat(ci.maySubmitTo("orders")).isTrue();
        assertThat(ci.maySubmitTo("billing")).isFalse();
        assertThat(new Principal("all", Set.of(Role.SUBMITTER), Set.of("*")).maySubmitTo("billing")).isTrue();
        assertThat(new Principal("ops", Set.of(Role.OPERATOR), Set.of("*")).maySubmitTo("billing")).as("no submitter role").isFalse();
    }
}

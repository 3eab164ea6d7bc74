package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.runtime.auth.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TokenCommandTest {
    @Test
    void printsANewTokenOnceAndTheDigestLinesThatAcceptIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Zdm()).execute("token", "new", "ci", "--roles", "submitter,Deployer", "--targets", "orders");
        } finally {
            System.setOut(previous);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().map(String::strip).toList();

        assertThat(code).isZero();
        String token = lines.stream().filter(l -> l.startsWith(Tokens.TOKEN_PREFIX)).findFirst().orElseThrow();
        assertThat(lines).contains("auth.tokens.ci.digest=" + Tokens.digestHex(token), "auth.tokens.ci.roles=submitter,deployer",
                "auth.tokens.ci.targets=orders");
    }

    @Test
    void refusesAnUnknownRoleOrABadName() {
        assertThat(new CommandLine(new Zdm()).execute("token", "new", "ci", "--roles", "admin")).isEqualTo(2);
        assertThat(new CommandLine(new Zdm()).execute("token", "new", "c i", "--roles", "viewer")).isEqualTo(2);
    }
}

package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Empty or blank ids, services and versions are refused by the CLI before anything is sent. */
class BadNamesTest {
    @Test
    void deployed_and_control_refuse_empty_or_blank_names_naming_them() {
        assertThat(run("deployed", "", "v1.1")).startsWith("2 ").contains("zdm deployed: SERVICE must not be empty");
        assertThat(run("deployed", "shop", " ")).startsWith("2 ").contains("zdm deployed: VERSION must not contain white space");
        assertThat(run("control", "pause", "")).startsWith("2 ").contains("zdm control: MIGRATION_ID must not be empty");
    }

    /** The exit code, a space, and what the command wrote to standard error; no broker is reached. */
    private static String run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Zdm()).execute(args);
            return code + " " + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(previous);
        }
    }
}

package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** README's first command: {@code zdm demo} runs every demo migration to completion and exits 0. */
class DemoIT {
    @Test
    void the_demo_runs_every_migration_to_completion_under_load() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Zdm()).execute("demo", "--rows", "20000", "--tps", "100");
        } finally {
            System.setOut(previous);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(code).isZero();
        for (String migration : DemoCommand.MIGRATIONS) assertThat(printed).contains(migration + ": COMPLETED");
        assertThat(printed).contains("application during the migrations:").contains(" 0 failed");
    }
}

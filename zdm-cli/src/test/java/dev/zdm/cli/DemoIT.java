package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README's first command: {@code zdm demo} runs every demo migration to completion and exits 0. Its
 * output piped (not a terminal) holds no log line, a line per change of each phase, and ends with the
 * summary table; the log lines are in the file it names.
 */
class DemoIT {
    private static final Pattern LOG_LINE = Pattern.compile("(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");

    @Test
    void the_demo_runs_every_migration_to_completion_under_load() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Zdm()).execute("demo", "--rows", "20000", "--tps", "100");
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        System.out.println(errors);
        assertThat(code).isZero();
        assertThat(LOG_LINE.matcher(printed).find()).as("a log line on stdout").isFalse();
        assertThat(LOG_LINE.matcher(errors).find()).as("a log line on stderr").isFalse();
        assertThat(printed).doesNotContain("\u001b[").as("no terminal control codes when piped");

        List<String> lines = printed.strip().lines().toList();
        int table = lines.indexOf("summary");
        assertThat(table).as("a summary table").isPositive();
        assertThat(lines.get(table + 1)).matches("MIGRATION +STRATEGY +PHASES +TIME +ROWS +APP TXNS +FAILED +P50 MS +P99 MS +MAX MS +RESULT");
        for (int i = 0; i < DemoCommand.MIGRATIONS.size(); i++) {
            assertThat(lines.get(table + 2 + i)).startsWith(DemoCommand.MIGRATIONS.get(i).replace(".sql", " ")).endsWith("COMPLETED");
        }
        assertThat(lines.get(table + 2 + DemoCommand.MIGRATIONS.size())).startsWith("all").matches(".* 0 +[0-9.]+ +[0-9.]+ +[0-9.]+ +OK");
        assertThat(lines).as("the table ends the output").hasSize(table + 3 + DemoCommand.MIGRATIONS.size());
        assertThat(printed).contains(" 2/5 backfill").contains("waiting   waits for shop@v1.1").contains("COMPLETED in ");

        Matcher where = Pattern.compile("logs: (\\S+\\.log) ").matcher(printed);
        assertThat(where.find()).as("the log file is named").isTrue();
        String log = Files.readString(Path.of(where.group(1)));
        assertThat(log).contains("Orchestrator").contains("planned on default");
    }
}

package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped logging pattern writes one line per event, whatever a logged value holds. */
class LogLinesTest {
    @Test
    void aValueWithLineBreaksCannotForgeALogLine() throws Exception {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/logback.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
        assertThat(m.find()).as("logback.xml has a pattern").isTrue();
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(m.group(1));
        layout.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.zdm.Orchestrator"), Level.WARN, "migration {} rejected", null,
                new Object[] {"evil\r\n00:00:00.000 INFO  Orchestrator - migration approved\nmore"});

        String line = layout.doLayout(event);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("migration evil | 00:00:00.000 INFO  Orchestrator - migration approved | more rejected");
    }
}

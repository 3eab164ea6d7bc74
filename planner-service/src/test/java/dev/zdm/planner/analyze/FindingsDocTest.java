package dev.zdm.planner.analyze;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/findings.md lists every finding code, with its meaning and whether it can be accepted, as {@link FindingCode} has them. */
class FindingsDocTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (.+?) \\| (yes|no) \\|$");

    @Test
    void theFindingsPageListsEveryCodeAsTheRegistryHasIt() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "findings.md"));
        Map<String, String> documented = new java.util.LinkedHashMap<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) documented.put(m.group(1), m.group(2) + " | " + m.group(3));
        Map<String, String> registered = Arrays.stream(FindingCode.values()).collect(Collectors.toMap(Enum::name,
                c -> c.summary() + " | " + (c.acceptable() ? "yes" : "no"), (a, b) -> a, java.util.LinkedHashMap::new));
        assertThat(documented).isEqualTo(registered);
    }
}

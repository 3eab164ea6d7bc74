package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A port taken between choosing and binding it is detected, never mistaken for our own server. */
class EmbeddedPostgresServerIT {

    @Test
    void aServerOfSomeoneElseOnTheChosenPortIsAPortClashNotOurServer() throws Exception {
        try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(Map.of())) {
            int taken = other.server().port();
            Set<Path> before = dataFolders();

            assertThatThrownBy(() -> EmbeddedPostgresServer.startOn(taken, PostgresSettings.withDefaults(Map.of())))
                    .satisfies(e -> assertThat(Retry.isBindFailure(e)).as("retried as a port clash").isTrue());

            assertThat(dataFolders()).as("data folders of the failed attempt").isEqualTo(before);
            assertThat(other.server().settings()).as("the other server still answers").containsKey("data_directory");
        }
    }

    private static Set<Path> dataFolders() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("epg")).collect(Collectors.toSet());
        }
    }
}

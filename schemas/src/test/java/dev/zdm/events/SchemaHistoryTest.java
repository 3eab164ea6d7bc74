package dev.zdm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when an event schema changes without being recorded in the history, or when the
 * current schema cannot read data written with any earlier recorded version (backward compatibility).
 *
 * <p>The history lives in {@code src/main/resources/dev/zdm/events/history/<Event>/v<N>.avsc}, committed
 * with the code; readers load it to resolve old writers' fingerprints without a registry. To record a
 * compatible change, run {@code mvn -pl schemas test -Dschemas.record=true} and commit the new file.
 */
class SchemaHistoryTest {
    private static final Path HISTORY = Path.of("src/main/resources/dev/zdm/events/history");

    /** Every top-level {@code .avsc} is an event; its generated class carries the compiled schema. */
    static List<Schema> events() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".avsc"))
                    .sorted()
                    .map(n -> schemaOf("dev.zdm.events." + n.substring(0, n.length() - ".avsc".length())))
                    .toList();
        }
    }

    private static Schema schemaOf(String className) {
        try {
            return (Schema) Class.forName(className).getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no generated class " + className + " for its .avsc", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void current_schema_is_recorded_and_backward_compatible(Schema current) throws IOException {
        List<Schema> history = history(current.getName());
        if (Boolean.getBoolean("schemas.record") && (history.isEmpty() || !last(history).equals(current))) {
            record(current, history.size() + 1);
            history = history(current.getName());
        }
        assertThat(history)
                .as("%s has no recorded history; run mvn -pl schemas test -Dschemas.record=true and commit it", current.getName())
                .isNotEmpty();
        for (int v = 0; v < history.size(); v++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, history.get(v));
            assertThat(result.getType())
                    .as("%s can no longer read data written with v%d: %s", current.getName(), v + 1, result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
        assertThat(last(history))
                .as("%s changed since its last recorded version v%d; if the change is intended, run "
                        + "mvn -pl schemas test -Dschemas.record=true and commit the new history file", current.getName(), history.size())
                .isEqualTo(current);
    }

    private static Schema last(List<Schema> history) {
        return history.get(history.size() - 1);
    }

    /** Versions from the classpath, v1 upward, as the readers at run time will see them. */
    private static List<Schema> history(String name) throws IOException {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            Path file = HISTORY.resolve(name).resolve("v" + v + ".avsc");
            if (!Files.exists(file)) {
                // recording writes to src: a version deleted there must not come back from a stale build's classpath
                if (Boolean.getBoolean("schemas.record")) return versions;
                try (InputStream in = SchemaHistoryTest.class.getResourceAsStream("history/" + name + "/v" + v + ".avsc")) {
                    if (in == null) return versions;
                    versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    continue;
                }
            }
            versions.add(new Schema.Parser().parse(Files.readString(file)));
        }
    }

    private static void record(Schema current, int version) throws IOException {
        Path file = HISTORY.resolve(current.getName()).resolve("v" + version + ".avsc");
        Files.createDirectories(file.getParent());
        Files.writeString(file, current.toString(true) + "\n");
    }
}

package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Phase;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden plans: every case under {@code src/test/resources/golden/<case>/} has a
 * {@code migration.sql}, an optional {@code catalog.json}, and {@code expected.txt}, the plan as
 * {@link PlanPrinter} prints it. Run with {@code -Dgolden.update=true} to rewrite the expected files
 * after an intended change (then read the diff). Independently of the text, each case must plan to
 * the strategy and phases listed here.
 */
class GoldenPlansTest {
    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("expand-contract-drop-column", "expand-contract", List.of("deprecate", "stop-using users.legacy_field", "contract")),
                Arguments.of("dual-write-rename-column", "dual-write", List.of("expand", "sync-and-backfill", "read-new-write-both",
                        "reverse-sync", "use-new-only", "verify", "contract")),
                Arguments.of("change-column-type", "dual-write", List.of("expand", "sync-and-backfill", "read-new-write-both",
                        "reverse-sync", "use-new-only", "verify", "contract")),
                Arguments.of("progressive-index", "progressive", List.of("create-index")),
                Arguments.of("create-index-on-large-table", "progressive", List.of("partial-index idx_orders_user_date_partial",
                        "full-index idx_orders_user_date", "drop-index idx_orders_user_date_partial")),
                Arguments.of("progressive-backfill", "progressive", List.of("backfill")),
                Arguments.of("blue-green-restructure", "blue-green", List.of("create-green", "sync-and-copy", "verify",
                        "ready-for-new-shape", "switch", "validate-foreign-keys", "rollback-window", "drop-old")),
                Arguments.of("feature-flag", "feature-flag", List.of("flag-setup", "rollout 10%", "rollout 50%", "rollout 100%")),
                Arguments.of("not-null-column", "not-null-column", List.of("add-column", "backfill", "check-not-valid", "validate", "set-not-null")),
                Arguments.of("create-index-concurrently", "direct", List.of("apply")),
                Arguments.of("foreign-key", "constraint-not-valid", List.of("add-not-valid", "validate")),
                Arguments.of("unique-constraint", "unique-constraint", List.of("build-index", "attach-constraint")),
                Arguments.of("direct-safe-statements", "direct", List.of("apply")),
                Arguments.of("rejected-unknown-form", null, List.of()),
                Arguments.of("guide-dual-write-verbatim", null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansMatchTheirGoldenFiles(String name, String strategy, List<String> phases) throws IOException {
        Path dir = ROOT.resolve(name);
        String sql = Files.readString(dir.resolve("migration.sql"));
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split(name + "/migration.sql", sql), CatalogFiles.read(dir.resolve("catalog.json")));
        String text = PlanPrinter.print(m);

        if (strategy == null) {
            assertThat(m.rejected()).as("rejected").isTrue();
        } else {
            assertThat(m.rejected()).as(() -> "rejected: " + m.rejection()).isFalse();
            assertThat(m.plan().strategy()).isEqualTo(strategy);
            assertThat(m.plan().phases()).extracting(Phase::name).containsExactlyElementsOf(phases);
        }
        Path expected = dir.resolve("expected.txt");
        if (UPDATE) Files.writeString(expected, text, StandardCharsets.UTF_8);
        assertThat(expected).as("golden file " + expected + " (run with -Dgolden.update=true to create it)").exists();
        assertThat(text).isEqualTo(Files.readString(expected));
    }
}

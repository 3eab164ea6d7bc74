package dev.zdm.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.cli.folder.Migration;
import dev.zdm.cli.folder.Versions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Drift: a file that changed since it was applied, judged by zdm's SHA-256 or by the checksum the tool stored. */
class DriftTest {
    private static Migration flyway(String sql) {
        return new Migration("3", Versions.parse("3"), "index email", "V3__index_email.sql", Path.of("V3__index_email.sql"), sql, null, true, false);
    }

    private static SchemaHistory.Row row(String checksum) {
        return new SchemaHistory.Row("3", "index email", "flyway", "V3__index_email.sql", checksum, null, null, "me", null, null, "APPLIED", null);
    }

    @Test
    void zdms_own_checksum_is_sha256_of_the_up_sql() {
        Migration applied = flyway("CREATE INDEX a ON t (b);\n");
        assertThat(SchemaHistory.drift(row(applied.checksum()), applied, null)).isNull();
        assertThat(SchemaHistory.drift(row(applied.checksum()), flyway("CREATE INDEX a ON t (lower(b));\n"), null))
                .startsWith("SHA-256 ").contains("when applied");
    }

    @Test
    void a_changed_repeatable_migration_is_pending_not_drift_and_a_gone_file_is_missing_only_when_applied() {
        Migration views = new Migration(null, java.util.List.of(), "views", "R__views.sql", Path.of("R__views.sql"), "CREATE VIEW v AS SELECT 2;\n",
                null, true, true);
        SchemaHistory.Row applied = new SchemaHistory.Row("R__views", "views", "flyway", "R__views.sql", "0".repeat(64), "m1", "direct", "me", null,
                null, "APPLIED", null);
        assertThat(VersionState.of("R__views", views, applied, SchemaHistory.drift(applied, views, null)).state()).isEqualTo("pending");
        assertThat(VersionState.of("3", flyway("x"), row(flyway("y").checksum()), "changed").state()).isEqualTo("drift");
        assertThat(VersionState.of("3", null, row("x"), null).state()).isEqualTo("missing");
        SchemaHistory.Row reverted = new SchemaHistory.Row("3", "", "flyway", "V3.sql", "x", "m2", null, "me", null, null, "REVERTED", null);
        assertThat(VersionState.of("3", null, reverted, null).state()).isEqualTo("reverted, no file");
        assertThat(VersionState.of("3", flyway("x"), reverted, null).state()).isEqualTo("pending");
    }

    @Test
    void an_imported_version_is_judged_by_the_tools_checksum_which_ignores_line_endings() {
        ToolTable flyway = ToolTables.of("flyway").orElseThrow();
        String sum = flyway.checksum(flyway("CREATE INDEX a ON t (b);\nSELECT 1;\n"));
        assertThat(flyway.checksum(flyway("CREATE INDEX a ON t (b);\r\nSELECT 1;\r\n"))).isEqualTo(sum);
        assertThat(flyway.checksum(flyway("\uFEFFCREATE INDEX a ON t (b);\nSELECT 1;\n"))).as("a byte order mark does not count").isEqualTo(sum);
        assertThat(SchemaHistory.drift(row("flyway:" + sum), flyway("CREATE INDEX a ON t (b);\nSELECT 1;\n"), flyway)).isNull();
        assertThat(SchemaHistory.drift(row("flyway:" + sum), flyway("CREATE INDEX a ON t (c);\n"), flyway)).startsWith("flyway checksum " + sum);
        assertThat(SchemaHistory.drift(row(null), flyway("anything"), flyway)).as("a tool that stored no checksum cannot tell").isNull();
    }
}

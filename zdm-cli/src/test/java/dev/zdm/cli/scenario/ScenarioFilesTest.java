package dev.zdm.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {
    @Test
    void every_scenario_folder_reads() throws Exception {
        List<Path> folders = Scenario.folders(Scenario.root(null));
        assertThat(folders).isNotEmpty();
        for (Path f : folders) {
            Scenario s = Scenario.load(f);
            assertThat(s.migration()).as(s.name()).isNotBlank();
            assertThat(s.setup()).as(s.name()).isNotBlank();
        }
    }

    @Test
    void a_workload_is_split_into_sections_by_version() {
        WorkloadScript w = WorkloadScript.parse("""
                -- v1.0
                UPDATE t SET a = ? WHERE id = ?;
                INSERT INTO t (a)
                  VALUES ('x;y');
                -- @after shop@v1.1
                UPDATE t SET b = ? WHERE id = ?;
                """, "w.sql");
        assertThat(w.sections().get(WorkloadScript.INITIAL)).containsExactly("UPDATE t SET a = ? WHERE id = ?",
                "INSERT INTO t (a)\n  VALUES ('x;y')");
        assertThat(w.sections().get("shop@v1.1")).containsExactly("UPDATE t SET b = ? WHERE id = ?");
        assertThat(w.op("shop@v1.2", 10)).isEmpty();
        assertThatThrownBy(() -> WorkloadScript.parse("UPDATE t SET a = 1", "w.sql")).hasMessageContaining("lacks its ';'");
    }

    @Test
    void placeholders_inside_quotes_do_not_count() {
        assertThat(WorkloadScript.placeholders("SELECT '?', \"a?\", ? FROM t WHERE x = ?")).isEqualTo(2);
    }

    @Test
    void bad_expectations_are_reported_at_once() {
        Properties p = new Properties();
        p.setProperty("outcome", "FINE");
        p.setProperty("rows", "many");
        p.setProperty("old", "SELECT 1");
        p.setProperty("colour", "blue");
        assertThatThrownBy(() -> Expectation.of(p, "expect.properties")).hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("outcome 'FINE'").hasMessageContaining("rows 'many'").hasMessageContaining("old and new come together");
    }
}

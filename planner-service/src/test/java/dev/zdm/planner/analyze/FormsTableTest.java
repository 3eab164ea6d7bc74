package dev.zdm.planner.analyze;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every row of {@code analyzer/forms.tsv} through the analyzer: the setup SQL first (so the
 * analyzer knows the columns, constraints and indexes), then the form, whose analysis must match
 * the row. The same file is the input of the PostgreSQL truth check (pg_locks and relfilenode).
 */
class FormsTableTest {

    /** One row of forms.tsv. */
    record Form(String id, String setup, String statement, Map<String, String> locks, List<String> rewrites, boolean scans, boolean txn) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Form> forms() throws IOException {
        try (InputStream in = FormsTableTest.class.getResourceAsStream("/analyzer/forms.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            assertThat(lines.get(0)).isEqualTo("id\tsetup\tstatement\tlocks\trewrites\tscans\ttxn");
            return lines.stream().skip(1).map(FormsTableTest::form).toList();
        }
    }

    private static Form form(String line) {
        String[] c = line.split("\t", -1);
        Map<String, String> locks = new TreeMap<>();
        if (!c[3].equals("-")) Arrays.stream(c[3].split(",")).map(p -> p.split("=")).forEach(p -> locks.put(p[0], p[1]));
        List<String> rewrites = c[4].equals("-") ? List.of() : List.of(c[4].split(","));
        return new Form(c[0], c[1], c[2], locks, rewrites, c[5].equals("yes"), c[6].equals("yes"));
    }

    @Test
    void coversAtLeastFiftyDistinctForms() throws IOException {
        assertThat(forms()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(forms().stream().map(Form::id).distinct()).hasSize(forms().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void analyzerAgreesWithTheTable(Form form) {
        var statements = SqlSplitter.split(form.id(), form.setup() + ";\n" + form.statement());
        MigrationAnalysis analysis = new MigrationAnalyzer().analyze(statements, Catalog.empty());
        StatementAnalysis a = analysis.statements().get(analysis.statements().size() - 1);

        Map<String, String> locks = new TreeMap<>();
        a.locks().forEach(l -> locks.put(l.table().name(), l.mode().docName()));
        assertThat(a.kind()).as("kind").isNotEqualTo(StatementKind.UNKNOWN);
        assertThat(locks).as("locks").isEqualTo(form.locks());
        assertThat(a.rewritesTable()).as("rewrites").isEqualTo(!form.rewrites().isEmpty());
        form.rewrites().forEach(t -> assertThat(a.tables()).extracting(n -> n.name()).contains(t));
        assertThat(a.scansTable()).as("scans").isEqualTo(form.scans());
        assertThat(a.transactional()).as("txn").isEqualTo(form.txn());
    }

}

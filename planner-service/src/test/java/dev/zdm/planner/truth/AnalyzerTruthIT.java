package dev.zdm.planner.truth;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.MigrationAnalyzer;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.zdm.planner.truth.ReactivePg.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer's truth check: every row of {@code analyzer/forms.tsv} runs on a real PostgreSQL in a
 * schema of its own (setup committed, the form observed by {@link LockObserver}: in a rolled-back
 * transaction, or from a second session for forms that cannot run in one), and the analyzer's lock
 * per table, rewrite flag and transaction-block flag must equal what PostgreSQL did. The row's own
 * columns are checked against PostgreSQL too, so a wrong row cannot hide behind a wrong analyzer.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzerTruthIT {
    private final LockObserver observer = new LockObserver();
    private ReactivePg pg;
    private long started;
    private int checked;

    @BeforeAll
    void start(TestInfra infra) {
        pg = new ReactivePg(infra, 6);
        started = System.nanoTime();
    }

    @AfterAll
    void stop() {
        System.out.printf("AnalyzerTruthIT: %d forms checked against PostgreSQL in %d ms%n", checked, (System.nanoTime() - started) / 1_000_000);
        pg.close();
    }

    static List<Form> forms() throws IOException {
        return Form.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void analyzerAgreesWithPostgres(Form form) {
        String schema = "f_" + form.id();
        Set<String> schemasBefore = schemas();
        try {
            pg.sql("CREATE SCHEMA " + schema + "; SET search_path = " + schema + "; " + form.setup() + "; RESET search_path");
            StatementAnalysis said = analyze(form);
            Observation seen = await(observer.observe(pg.pool(), new Sandbox(schema), form.statement(), lockableTables(schema)));

            assertThat(Agreement.disagreements(said, seen)).as("%s: analyzer vs PostgreSQL (%s)", form.id(), seen).isEmpty();
            assertThat(docNames(seen.locks())).as("%s: forms.tsv locks vs PostgreSQL", form.id()).isEqualTo(form.locks());
            assertThat(seen.rewritten()).as("%s: forms.tsv rewrites vs PostgreSQL", form.id()).containsExactlyInAnyOrderElementsOf(form.rewrites());
            assertThat(seen.transactional()).as("%s: forms.tsv txn vs PostgreSQL", form.id()).isEqualTo(form.txn());
            checked++;
        } finally {
            Set<String> created = schemas();
            created.removeAll(schemasBefore);
            created.forEach(s -> pg.sql("DROP SCHEMA " + s + " CASCADE"));
        }
    }

    private static StatementAnalysis analyze(Form form) {
        var statements = SqlSplitter.split(form.id(), form.setup() + ";\n" + form.statement());
        MigrationAnalysis analysis = new MigrationAnalyzer().analyze(statements, Catalog.empty());
        return analysis.statements().get(analysis.statements().size() - 1);
    }

    private Set<String> schemas() {
        Set<String> out = new HashSet<>();
        pg.sql("SELECT nspname FROM pg_namespace").forEach(r -> out.add(r.getString(0)));
        return out;
    }

    private List<String> lockableTables(String schema) {
        return await(Relations.inSchema(pg.pool(), schema)).values().stream().filter(Relation::lockable).map(Relation::name).toList();
    }

    private static Map<String, String> docNames(Map<String, LockMode> locks) {
        Map<String, String> out = new TreeMap<>();
        locks.forEach((t, m) -> out.put(t, m.docName()));
        return out;
    }
}

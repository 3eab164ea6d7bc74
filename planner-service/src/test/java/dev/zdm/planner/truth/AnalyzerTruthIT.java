package dev.zdm.planner.truth;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.MigrationAnalyzer;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.EnumSet;
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
 *
 * <p>Where PostgreSQL's row counters can tell (a transactional DDL or maintenance form on tables
 * that have rows), the analyzer's scan flag must also equal whether a sequential scan read rows;
 * the known exceptions are listed with why, and fail once the analyzer is fixed.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzerTruthIT {
    /** Forms whose scan is a property of the query plan or of sampling, not of the form: not judged by row counters. */
    private static final Set<StatementKind> SCAN_NOT_OF_THE_FORM = EnumSet.of(StatementKind.SELECT, StatementKind.INSERT,
            StatementKind.UPDATE, StatementKind.DELETE, StatementKind.DO_BLOCK, StatementKind.ANALYZE);
    /** Analyzer mistakes about scans that PostgreSQL shows, until the analyzer is fixed. */
    private static final Map<String, String> KNOWN_SCAN_DISAGREEMENTS = Map.of();

    private final LockObserver observer = new LockObserver();
    private ReactivePg pg;
    private long started;
    private int checked;
    private int scansChecked;

    @BeforeAll
    void start(TestInfra infra) {
        pg = new ReactivePg(infra, 6);
        started = System.nanoTime();
    }

    @AfterAll
    void stop() {
        System.out.printf("AnalyzerTruthIT: %d forms checked against PostgreSQL (scan flag of %d) in %d ms%n", checked, scansChecked,
                (System.nanoTime() - started) / 1_000_000);
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
            boolean populated = populated(schema, said);
            Observation seen = await(observer.observe(pg.pool(), Sandbox.ofSchema(schema), form.statement(), lockableTables(schema)));

            assertThat(Agreement.disagreements(said, seen)).as("%s: analyzer vs PostgreSQL (%s)", form.id(), seen).isEmpty();
            assertThat(docNames(seen.locks())).as("%s: forms.tsv locks vs PostgreSQL", form.id()).isEqualTo(form.locks());
            assertThat(seen.rewritten()).as("%s: forms.tsv rewrites vs PostgreSQL", form.id()).containsExactlyInAnyOrderElementsOf(form.rewrites());
            assertThat(seen.transactional()).as("%s: forms.tsv txn vs PostgreSQL", form.id()).isEqualTo(form.txn());
            checked++;
            if (seen.transactional() && populated && !SCAN_NOT_OF_THE_FORM.contains(said.kind())) {
                assertScan(form, said, seen);
                scansChecked++;
            }
        } finally {
            Set<String> created = schemas();
            created.removeAll(schemasBefore);
            created.forEach(s -> pg.sql("DROP SCHEMA " + s + " CASCADE"));
        }
    }

    private static void assertScan(Form form, StatementAnalysis said, Observation seen) {
        boolean scanned = !seen.scanned().isEmpty();
        String known = KNOWN_SCAN_DISAGREEMENTS.get(form.id());
        if (known == null) {
            assertThat(said.scansTable()).as("%s: analyzer scans vs PostgreSQL (%s)", form.id(), seen).isEqualTo(scanned);
        } else {
            assertThat(said.scansTable()).as("%s: known analyzer mistake (%s) no longer seen: remove it from KNOWN_SCAN_DISAGREEMENTS",
                    form.id(), known).isNotEqualTo(scanned);
        }
    }

    /** True when every table the analyzer names for the statement exists in the sandbox and has rows. */
    private boolean populated(String schema, StatementAnalysis said) {
        Set<String> tables = new HashSet<>(lockableTables(schema));
        return !said.tables().isEmpty() && said.tables().stream().allMatch(t -> tables.contains(t.name())
                && pg.sql("SELECT EXISTS (SELECT 1 FROM " + schema + "." + t.sql() + ")").iterator().next().getBoolean(0));
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
        return await(Relations.inSandbox(pg.pool(), Sandbox.ofSchema(schema))).values().stream().filter(Relation::lockable).map(Relation::key).toList();
    }

    private static Map<String, String> docNames(Map<String, LockMode> locks) {
        Map<String, String> out = new TreeMap<>();
        locks.forEach((t, m) -> out.put(t, m.docName()));
        return out;
    }
}

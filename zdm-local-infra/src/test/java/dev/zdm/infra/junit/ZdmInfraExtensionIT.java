package dev.zdm.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.zdm.infra.SharedInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a sample test class through the JUnit launcher and checks what the extension gave it: one
 * {@link TestInfra} per class wherever it is injected, a fresh database that exists during the class and
 * is gone after it, and a different database and prefix for a nested class.
 */
class ZdmInfraExtensionIT {

    static final List<TestInfra> OUTER = new CopyOnWriteArrayList<>();
    static final List<TestInfra> INNER = new CopyOnWriteArrayList<>();
    static final List<String> PROBLEMS = new CopyOnWriteArrayList<>();

    @Test
    void injectsOnePerClassEverywhereAndDropsTheDatabaseAfterTheClass() {
        TestExecutionSummary summary = run(SampleTest.class);

        assertThat(summary.getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(PROBLEMS).isEmpty();
        assertThat(OUTER).as("3 constructions (one for the nested class), @BeforeAll, 2 tests").hasSize(6).allSatisfy(infra -> assertThat(infra).isSameAs(OUTER.get(0)));
        assertThat(INNER).hasSize(2).allSatisfy(infra -> assertThat(infra).isSameAs(INNER.get(0)));
        TestInfra outer = OUTER.get(0);
        TestInfra inner = INNER.get(0);
        assertThat(outer.database()).startsWith("zdm_infra_extension_it_sample_test_");
        assertThat(inner.database()).startsWith("zdm_infra_extension_it_sample_test_inner_");
        assertThat(inner.topicPrefix()).isNotEqualTo(outer.topicPrefix());
        assertThat(outer.kafkaBootstrap()).isEqualTo(SharedInfra.get().kafkaBootstrap());
        assertThat(databaseExists(outer.database())).as("outer database after the class").isFalse();
        assertThat(databaseExists(inner.database())).as("inner database after the class").isFalse();
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        return listener.getSummary();
    }

    private static boolean databaseExists(String name) {
        try (Connection c = SharedInfra.get().pg().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Run only through {@link #run}; the build's test scan skips nested classes. */
    @ExtendWith(ZdmInfraExtension.class)
    static class SampleTest {

        SampleTest(TestInfra infra) {
            OUTER.add(infra);
        }

        @BeforeAll
        static void beforeAll(TestInfra infra) {
            OUTER.add(infra);
        }

        @Test
        void theDatabaseExistsAndStartsEmpty(TestInfra infra) throws Exception {
            OUTER.add(infra);
            try (Connection c = infra.pg().connect(infra.database()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), (SELECT count(*) FROM pg_tables"
                         + " WHERE schemaname = 'public')")) {
                rs.next();
                check(rs.getString(1).equals(infra.database()), "connected to " + rs.getString(1));
                check(rs.getInt(2) == 0, "tables in a fresh database: " + rs.getInt(2));
                s.execute("CREATE TABLE t (id int)");
            }
        }

        @ParameterizedTest
        @ValueSource(ints = 1)
        void parameterizedTestsGetTheSameOne(int ignored, TestInfra infra) {
            OUTER.add(infra);
        }

        @Nested
        class Inner {

            Inner(TestInfra infra) {
                INNER.add(infra);
            }

            @Test
            void getsItsOwnDatabase(TestInfra infra) {
                INNER.add(infra);
                check(!infra.database().equals(OUTER.get(0).database()), "nested class shares the outer database");
            }
        }

        private static void check(boolean ok, String problem) {
            if (!ok) {
                PROBLEMS.add(problem);
            }
        }
    }
}

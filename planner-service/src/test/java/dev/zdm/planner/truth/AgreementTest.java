package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.StatementAnalysis;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static dev.zdm.planner.analyze.LockMode.ACCESS_EXCLUSIVE;
import static dev.zdm.planner.analyze.LockMode.ROW_SHARE;
import static dev.zdm.planner.analyze.LockMode.SHARE;
import static dev.zdm.planner.analyze.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.zdm.planner.analyze.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;

class AgreementTest {
    private final StatementAnalysis addColumn = Analyzed.last("ALTER TABLE t ADD COLUMN c int");
    private final StatementAnalysis addForeignKey = Analyzed.last("ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id)");
    private final StatementAnalysis concurrentIndex = Analyzed.last("CREATE INDEX CONCURRENTLY t_a_idx ON t (a)");

    @Test
    void agreesWhenLocksRewriteAndTransactionBlockMatch() {
        assertThat(Agreement.disagreements(addColumn, seen(Map.of("t", ACCESS_EXCLUSIVE), Set.of(), true))).isEmpty();
        assertThat(Agreement.disagreements(addForeignKey, seen(Map.of("c", SHARE_ROW_EXCLUSIVE, "p", SHARE_ROW_EXCLUSIVE), Set.of(), true))).isEmpty();
        assertThat(Agreement.disagreements(concurrentIndex, seen(Map.of("t", SHARE_UPDATE_EXCLUSIVE), Set.of(), false))).isEmpty();
    }

    @Test
    void namesEachTableWhoseLockDiffers() {
        assertThat(Agreement.disagreements(addForeignKey, seen(Map.of("c", SHARE_ROW_EXCLUSIVE, "p", ROW_SHARE), Set.of(), true)))
                .containsExactly("lock on p: the analyzer said SHARE ROW EXCLUSIVE, PostgreSQL took ROW SHARE");
        assertThat(Agreement.disagreements(addForeignKey, seen(Map.of("c", SHARE_ROW_EXCLUSIVE), Set.of(), true)))
                .containsExactly("the analyzer expected SHARE ROW EXCLUSIVE on p; PostgreSQL took no lock on it");
        assertThat(Agreement.disagreements(addColumn, seen(Map.of("t", ACCESS_EXCLUSIVE, "p", SHARE), Set.of(), true)))
                .containsExactly("PostgreSQL took SHARE on p; the analyzer expected no lock on it");
    }

    @Test
    void saysWhenTheRewriteOrTheTransactionBlockDiffers() {
        assertThat(Agreement.disagreements(addColumn, seen(Map.of("t", ACCESS_EXCLUSIVE), Set.of("t"), true)))
                .containsExactly("the analyzer said no rewrite; PostgreSQL gave t a new relfilenode");
        assertThat(Agreement.disagreements(addColumn, seen(Map.of("t", ACCESS_EXCLUSIVE), Set.of("p"), true)))
                .contains("PostgreSQL rewrote p, which the analyzer does not list among the statement's tables");
        assertThat(Agreement.disagreements(concurrentIndex, seen(Map.of("t", SHARE_UPDATE_EXCLUSIVE), Set.of(), true)))
                .containsExactly("the analyzer said it cannot run in a transaction block; PostgreSQL ran it in one");
        assertThat(Agreement.disagreements(Analyzed.last("ALTER TABLE t ADD COLUMN c float8 DEFAULT random()"),
                seen(Map.of("t", ACCESS_EXCLUSIVE), Set.of(), true)))
                .containsExactly("the analyzer said it rewrites the table; PostgreSQL kept every relfilenode");
    }

    private static Observation seen(Map<String, LockMode> locks, Set<String> rewritten, boolean transactional) {
        return new Observation(locks, rewritten, Set.of(), transactional);
    }
}

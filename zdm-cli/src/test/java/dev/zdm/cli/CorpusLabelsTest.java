package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** zdm's offline verdict on each labelled corpus statement, alone, is the labelled one (locks: CorpusLabelsIT). */
class CorpusLabelsTest {
    static List<CorpusLabels> labels() throws Exception {
        return CorpusLabels.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void theVerdictOnTheStatementAloneIsTheLabelledOne(CorpusLabels label) {
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split(label.file(), label.statement().sql()), Catalog.empty());
        String verdict = PlanCommand.exitStatus(m) == 0 ? "safe" : "needs";
        if (Boolean.getBoolean("corpus.labels.print")) {
            System.out.printf("VERDICT\t%s\t%d\t%s\t%s\t%s%n", label.file(), label.line(), label.statementClass(), verdict,
                    m.analysis().reasons().isEmpty() ? (m.rejected() ? m.rejection().getMessage() : "strategy " + m.recommendedStrategy())
                            : m.analysis().reasons().get(0));
        }
        assertThat(verdict).as("%s: %s", label, m.analysis().reasons()).isEqualTo(label.verdict());
    }

    @org.junit.jupiter.api.Test
    void theLabelsCoverEveryClassOfStatementAndBothVerdicts() throws Exception {
        Map<String, Integer> byClass = new TreeMap<>();
        CorpusLabels.all().forEach(l -> byClass.merge(l.statementClass(), 1, Integer::sum));
        assertThat(CorpusLabels.all()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(byClass.keySet()).contains("drop_index", "update", "delete", "drop_view", "truncate", "alter_index", "lock", "fk", "unique");
        assertThat(CorpusLabels.all()).extracting(CorpusLabels::verdict).contains("safe", "needs");
    }
}

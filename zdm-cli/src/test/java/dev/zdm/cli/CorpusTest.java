package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code zdm plan} offline over the real migration folders in {@code ../shared/corpus/} (origins in
 * its MANIFEST.tsv): every file gets an answer (exit 0 or 1), never a crash, no statement is of a form
 * zdm does not know, and a refusal would say where.
 * Prints, per project, how many files plan as safe (0), need zero-downtime handling (1) or are bad
 * input (2), and how many statements are of a form zdm does not know.
 */
class CorpusTest {
    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

    @Test
    void everyFileOfTheCorpusGetsAnAnswerAndEveryRefusalSaysWhere() throws IOException {
        assertThat(CORPUS.resolve("MANIFEST.tsv")).as("the corpus beside the repository (../shared/corpus)").exists();
        Map<String, int[]> counts = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        List<String> unplaced = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> badInput = new ArrayList<>();
        Planner planner = new Planner();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String project = CORPUS.relativize(file).getName(0).toString();
                int[] c = counts.computeIfAbsent(project, p -> new int[4]);
                try {
                    var statements = MigrationFile.read(file);
                    if (statements.isEmpty()) {
                        c[3]++;
                        continue;
                    }
                    PlannedMigration planned = planner.analyzeAndPlan(statements, Catalog.empty());
                    int exit = PlanCommand.exitStatus(planned);
                    c[exit]++;
                    if (exit == 2) badInput.add(planned.rejection().location() + ": " + planned.rejection().getMessage());
                    planned.analysis().statements().stream().filter(s -> s.kind() == StatementKind.UNKNOWN)
                            .forEach(s -> unknown.add(s.statement().position() + " " + dev.zdm.domain.sql.Snippet.of(s.sql())));
                } catch (ZdmException e) {
                    c[2]++;
                    badInput.add(e.location() + ": " + e.getMessage());
                    if (e.location() == null || !e.location().matches(".+:\\d+:\\d+")) unplaced.add(file + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    crashes.add(file + ": " + e);
                }
            }
        }
        System.out.println("CorpusTest: project  safe(0)  zero-downtime(1)  bad input(2)  nothing to do(0)");
        counts.forEach((p, c) -> System.out.printf("CorpusTest: %-9s %7d %17d %13d %17d%n", p, c[0], c[1], c[2], c[3]));
        badInput.forEach(b -> System.out.println("CorpusTest: bad input " + b));
        System.out.printf("CorpusTest: %d statements of unknown form%n", unknown.size());
        unknown.stream().limit(40).forEach(u -> System.out.println("CorpusTest: unknown " + u));

        assertThat(crashes).as("files zdm crashed on").isEmpty();
        assertThat(unplaced).as("refusals without file:line:column").isEmpty();
        assertThat(unknown).as("statements of a form zdm does not know").isEmpty();
        assertThat(badInput).as("real migrations are valid input: exit 0 or 1").isEmpty();
    }
}

package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.cli.scenario.Scenario;
import dev.zdm.cli.scenario.ScenarioResult;
import dev.zdm.cli.scenario.ScenarioRun;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every folder of {@code scenarios/} through the whole pipeline on the real broker and database, one
 * fresh database and topic set each: passes a case only when the application saw no error, the
 * migration ended as the folder expects, old and new data agree and nothing of zdm's is left.
 */
@ExtendWith(ZdmInfraExtension.class)
class ScenariosIT {
    private static final List<ScenarioResult> RESULTS = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> every_scenario_folder_passes(TestInfra infra) throws Exception {
        ScenarioRun runner = new ScenarioRun(infra.kafkaBootstrap(), infra.pg(), infra.topicPrefix(), System.out);
        List<Path> folders = Scenario.folders(Scenario.root(null));
        assertThat(folders).as("scenario folders").hasSizeGreaterThanOrEqualTo(10);
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            ScenarioResult result = runner.run(Scenario.load(folder));
            RESULTS.add(result);
            System.out.println("scenario " + result.line());
            assertThat(result.failures()).as(result.name()).isEmpty();
        }));
    }

    @AfterAll
    static void summary() {
        System.out.println("scenario summary");
        RESULTS.forEach(r -> System.out.println("  " + r.line()));
    }
}

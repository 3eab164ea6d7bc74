package dev.zdm.cli;

import dev.zdm.cli.scenario.Scenario;
import dev.zdm.cli.scenario.ScenarioResult;
import dev.zdm.cli.scenario.ScenarioRun;
import dev.zdm.infra.LocalInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zdm scenario [NAME...]}: runs scenario folders end to end on an embedded broker and database
 * and prints a table of outcomes; exit 0 only when every scenario passed.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Run scenario folders (setup, live workload, migration, expectations) end to end on an embedded broker and database.")
final class ScenarioCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "scenario folder names (default: every folder)")
    List<String> names = new ArrayList<>();

    @Option(names = "--dir", description = "the scenarios folder (default: ./scenarios)")
    Path dir;

    @Option(names = "--list", description = "list the scenarios and exit")
    boolean list;

    @picocli.CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        Path root = Scenario.root(dir);
        List<Path> folders = new ArrayList<>();
        if (names.isEmpty()) {
            folders.addAll(Scenario.folders(root));
        } else {
            for (String name : names) {
                Path folder = root.resolve(name);
                if (!Files.isRegularFile(folder.resolve("migration.sql"))) {
                    System.err.println("no scenario " + name + " in " + root + " (a scenario folder holds migration.sql); try zdm scenario --list");
                    return 2;
                }
                folders.add(folder);
            }
        }
        if (list) {
            folders.forEach(f -> System.out.println(f.getFileName()));
            return 0;
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : folders) scenarios.add(Scenario.load(f));
        System.out.println("zdm scenario: starting an embedded Kafka broker and PostgreSQL...");
        List<ScenarioResult> results = new ArrayList<>();
        try (LogFile logs = verbose.logs("scenario"); LocalInfra infra = LocalInfra.start()) {
            if (logs.path() != null) System.out.println("  " + logs.where());
            String prefix = "scenario-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
            ScenarioRun runner = new ScenarioRun(infra.kafkaBootstrap(), infra.pg(), prefix, System.out);
            for (Scenario s : scenarios) {
                System.out.println();
                System.out.println("scenario " + s.name());
                results.add(runner.run(s));
            }
        }
        System.out.println();
        System.out.println("summary");
        results.forEach(r -> System.out.println("  " + r.line()));
        return results.stream().allMatch(ScenarioResult::passed) ? 0 : 1;
    }
}

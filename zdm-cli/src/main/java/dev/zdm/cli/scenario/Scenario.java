package dev.zdm.cli.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One scenario folder: {@code setup.sql} (tables and rows, run once on a fresh database),
 * {@code workload.sql} (the live application, optional), {@code migration.sql} (what a team submits)
 * and {@code expect.properties}; a {@code README.md} may say what the case is about.
 */
public record Scenario(String name, String setup, String migration, WorkloadScript workload, Expectation expect) {

    public static Scenario load(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        String setup = read(dir.resolve("setup.sql"));
        String migration = read(dir.resolve("migration.sql"));
        Path workloadFile = dir.resolve("workload.sql");
        WorkloadScript workload = Files.exists(workloadFile)
                ? WorkloadScript.parse(read(workloadFile), workloadFile.toString()) : new WorkloadScript(java.util.Map.of());
        Path expectFile = dir.resolve("expect.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(expectFile, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new Scenario(name, setup, migration, workload, Expectation.of(p, expectFile.toString()));
    }

    /** The scenario folders under {@code root} (those with a {@code migration.sql}), by name. */
    public static List<Path> folders(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("migration.sql"))).sorted().toList();
        }
    }

    /**
     * The {@code scenarios} folder: {@code dir} when given, else the first of {@code ./scenarios} and
     * {@code ../scenarios} that exists (a module's tests run one level down).
     */
    public static Path root(Path dir) throws IOException {
        if (dir != null) return dir;
        for (Path candidate : List.of(Path.of("scenarios"), Path.of("..", "scenarios"))) {
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IOException("no scenarios folder here or one level up; give one with --dir");
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("scenario file " + file + " is missing");
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

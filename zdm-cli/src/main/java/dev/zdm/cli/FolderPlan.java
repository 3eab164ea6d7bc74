package dev.zdm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zdm.cli.folder.MigrationFolder;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.CatalogReader;
import dev.zdm.planner.parse.ParsedStatement;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.db.ReadOnly;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code zdm plan DIR} and {@code zdm plan FILE FILE...}: every migration planned in one process, in
 * the folder's version order ({@link MigrationFolder}), each on the schema the earlier ones build (a
 * table created in V3 exists in V7, and is new: nobody uses it yet). A report per file, a summary, and
 * the worst exit status. With {@code --since REF}, only the migrations git says changed since REF (and
 * new ones) are reported; all earlier ones still build the schema.
 */
final class FolderPlan {
    private final List<Path> inputs;
    private final String since;
    private final String format;
    private final PgOption pg;

    /** @param format text, json, github or gitlab */
    FolderPlan(List<Path> inputs, String since, String format, PgOption pg) {
        this.inputs = inputs;
        this.since = since;
        this.format = format;
        this.pg = pg;
    }

    /** One file's outcome. */
    record FileResult(MigrationFolder.Entry entry, PlannedMigration planned, ZdmException badInput, int exit) {
    }

    int run() throws Exception {
        long started = System.nanoTime();
        List<MigrationFolder.Entry> entries;
        List<FileResult> results = new ArrayList<>();
        try {
            entries = entries();
        } catch (ZdmException layout) {
            // a folder its tool would not run: one bad input, where it is
            String where = layout.location() == null ? inputs.get(0).toString() : layout.location();
            results.add(new FileResult(new MigrationFolder.Entry(Path.of(where), where, List.of(), false), null, layout, 2));
            entries = List.of();
        }
        Set<Path> reported = since == null ? null : changedSince(since);
        SchemaView schema = new SchemaView(catalog());
        Planner planner = new Planner();
        for (MigrationFolder.Entry e : entries) {
            FileResult r = plan(planner, schema, e);
            if (reported == null || reported.contains(e.file().toAbsolutePath().normalize())) results.add(r);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        int worst = results.stream().mapToInt(FileResult::exit).max().orElse(0);
        switch (format) {
            case "json" -> System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(results, entries.size(), ms, worst)));
            case "github" -> {
                System.out.print(CiFormats.github(results));
                System.out.println(summary(results, entries.size(), ms).strip());
            }
            case "gitlab" -> System.out.println(CiFormats.gitlab(results));
            case "sarif" -> System.out.println(CiFormats.sarif(results));
            default -> {
                results.forEach(r -> System.out.print(text(r)));
                System.out.println(summary(results, entries.size(), ms));
            }
        }
        return worst;
    }

    /** Plans one migration on {@code schema}, then applies what it changes to it, so the next one sees it. */
    static FileResult plan(Planner planner, SchemaView schema, MigrationFolder.Entry e) {
        List<ParsedStatement> statements;
        try {
            statements = MigrationFile.read(e.file());
        } catch (ZdmException bad) {
            return new FileResult(e, null, bad, 2);
        }
        if (statements.isEmpty()) return new FileResult(e, null, null, 0);
        PlannedMigration planned;
        try {
            planned = planner.analyzeAndPlan(statements, schema);
        } catch (ZdmException bad) {
            return new FileResult(e, null, bad, 2);
        }
        planned.analysis().statements().forEach(s -> s.changes().forEach(schema::apply));
        return new FileResult(e, planned, null, PlanCommand.exitStatus(planned));
    }

    private List<MigrationFolder.Entry> entries() {
        List<MigrationFolder.Entry> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                out.addAll(MigrationFolder.list(p));
            } else {
                Path parent = p.toAbsolutePath().getParent();
                MigrationFolder.Entry e = MigrationFolder.entry(parent, p.toAbsolutePath());
                if (e != null) out.add(new MigrationFolder.Entry(p, p.toString(), e.version(), e.repeatable()));
            }
        }
        return out;
    }

    private Catalog catalog() {
        if (pg == null) return Catalog.empty();
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(pg.connectOptions()
                    .addProperty("application_name", "zdm-plan")).using(vertx).build();
            return ZdmProcess.await(ReadOnly.read(pool, CatalogReader::read));
        } finally {
            vertx.close();
        }
    }

    /** Files git reports as changed since {@code ref} (committed, staged or not) and untracked ones, as absolute paths. */
    private Set<Path> changedSince(String ref) throws IOException, InterruptedException {
        Set<Path> out = new HashSet<>();
        for (Path input : inputs) {
            Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
            Path top = Path.of(git(dir, "rev-parse", "--show-toplevel").strip());
            for (String line : git(dir, "diff", "--name-only", ref, "--", ".").split("\n")) {
                if (!line.isBlank()) out.add(top.resolve(line.strip()).toAbsolutePath().normalize());
            }
            for (String line : git(dir, "ls-files", "--others", "--exclude-standard", "--full-name", "--", ".").split("\n")) {
                if (!line.isBlank()) out.add(top.resolve(line.strip()).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + out.strip());
        return out;
    }

    private static String text(FileResult r) {
        String head = "== " + r.entry().name() + ": ";
        if (r.badInput() != null) {
            return head + "BAD INPUT - " + (r.badInput().location() == null ? "" : r.badInput().location() + ": ") + r.badInput().code().code()
                    + ": " + r.badInput().getMessage() + "\n";
        }
        if (r.planned() == null) return head + "NOTHING TO DO (no SQL statement)\n";
        if (r.exit() == 0) {
            List<String> accepted = accepted(r);
            return head + "SAFE AS WRITTEN" + (accepted.isEmpty() ? "" : " (accepted: " + String.join(", ", accepted) + ")") + "\n";
        }
        return head + PlanTable.render(r.planned()) + (r.planned().rejected() ? "  rejected: " + r.planned().rejection().getMessage() + "\n" : "")
                + "\n";
    }

    /** The findings its author accepted, as {@code CODE at line:column}. */
    private static List<String> accepted(FileResult r) {
        if (r.planned() == null) return List.of();
        List<String> out = new ArrayList<>();
        for (var s : r.planned().analysis().statements()) {
            s.findings().stream().filter(dev.zdm.planner.analyze.Finding::accepted)
                    .forEach(f -> out.add(f.code() + " at " + s.statement().position().line() + ":" + s.statement().position().column()));
        }
        return out;
    }

    private static String summary(List<FileResult> results, int planned, long ms) {
        long safe = results.stream().filter(r -> r.exit() == 0).count();
        long needs = results.stream().filter(r -> r.exit() == 1).count();
        long bad = results.stream().filter(r -> r.exit() == 2).count();
        long accepted = results.stream().mapToLong(r -> accepted(r).size()).sum();
        return "\n" + results.size() + " migration(s) reported" + (results.size() == planned ? "" : " of " + planned + " planned") + ": " + safe
                + " safe as written, " + needs + " need zero-downtime handling, " + bad + " bad input"
                + (accepted == 0 ? "" : "; " + accepted + " finding(s) accepted by -- @metadata allow") + " (" + ms + " ms)";
    }

    private static Map<String, Object> json(List<FileResult> results, int planned, long ms, int worst) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileResult r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", r.entry().name());
            f.put("exitStatus", r.exit());
            if (r.badInput() != null) {
                f.put("error", Map.of("code", r.badInput().code().code(), "message", String.valueOf(r.badInput().getMessage()),
                        "location", String.valueOf(r.badInput().location())));
            } else if (r.planned() != null) {
                f.put("plan", PlanJson.of(r.planned(), null));
            }
            files.add(f);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", files);
        out.put("summary", Map.of("planned", planned, "reported", results.size(), "exitStatus", worst, "elapsedMs", ms));
        return out;
    }
}

package dev.zdm.cli;

import dev.zdm.cli.follow.LiveView;
import dev.zdm.cli.folder.Migration;
import dev.zdm.cli.folder.MigrationFormat;
import dev.zdm.cli.folder.MigrationFormats;
import dev.zdm.cli.migrate.MigrateRun;
import dev.zdm.cli.migrate.VersionState;
import dev.zdm.domain.error.ZdmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zdm migrate DIR --target NAME --pg URL}: a team's migration folder, in its tool's layout, run
 * through the pipeline version by version with zero downtime, recorded in {@code zdm.schema_history}
 * and in the tool's own table. {@code zdm migrate status DIR}: applied, pending, running, failed,
 * drift, missing.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, subcommands = {MigrateCommand.Status.class, MigrateCommand.Down.class},
        description = "Run a migration folder (Flyway, golang-migrate, goose, dbmate, Prisma, diesel, numbered files) through the pipeline, "
                + "one migration per pending version, in order, each after the previous ended; exit 0 only when all completed.")
final class MigrateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the migrations folder")
    Path dir;

    @Option(names = "--to", paramLabel = "VERSION", description = "stop after this version")
    String to;

    @Option(names = "--dry-run", description = "print the plans of the pending versions and exit as zdm plan does")
    boolean dryRun;

    @Mixin
    Session session;

    @Override
    public Integer call() throws Exception {
        if (dir == null || session.target == null) {
            System.err.println("zdm migrate: give the folder and --target (zdm migrate DIR --target NAME --pg URL); zdm migrate status DIR --pg URL");
            return 2;
        }
        return session.run("migrate", dir, (run, view, f, pipeline) -> {
            Optional<List<Migration>> pending = run.pending(to);
            if (pending.isEmpty()) return 1;
            view.println(f.format().name() + " folder " + dir + ": " + f.migrations().size() + " version(s), " + pending.get().size() + " pending");
            if (pending.get().isEmpty()) return 0;
            if (dryRun) return new FolderPlan(pending.get().stream().map(Migration::file).toList(), null, "text", session.pg).run();
            int done = 0;
            for (Migration m : pending.get()) {
                if (!run.apply(m, pipeline, (done + 1) + " of " + pending.get().size())) {
                    view.println("zdm migrate: " + done + " of " + pending.get().size() + " pending version(s) applied");
                    return 1;
                }
                done++;
            }
            view.println("");
            view.println("zdm migrate: " + done + " version(s) applied");
            return 0;
        });
    }

    /** What a run on a target needs: the target, how to reach it and the pipeline, and the lock held while it works. */
    static final class Session {
        @Option(names = "--target", description = "the target database, as named in zdm's configuration (required)")
        String target;

        @Option(names = "--format", paramLabel = "TOOL", description = "the folder's tool, when zdm should not detect it: flyway, golang-migrate, "
                + "goose, dbmate, prisma, diesel, numbered")
        String tool;

        @Option(names = "--timeout", defaultValue = "PT2H", description = "how long one version may take (ISO-8601, default ${DEFAULT-VALUE})")
        Duration timeout;

        @Mixin
        PgOption pg;

        @Mixin
        KafkaOption kafka;

        @Mixin
        TokenOption token;

        @Mixin
        VerboseOption verbose;

        /** The work of one command, with the folder read, the database locked and the tool's table taken in. */
        interface Work {
            int run(MigrateRun run, LiveView view, Folder folder, MigrateRun.Pipeline pipeline) throws Exception;
        }

        int run(String command, Path dir, Work work) throws Exception {
            Folder f = Folder.read(dir, tool);
            if (f == null || !Requests.validNames(command, "--target", target)) return 2;
            try (LogFile logs = verbose.logs(command.replace(' ', '-')); LiveView view = LiveView.on(System.out);
                 Connection db = DriverManager.getConnection(pg.jdbcUrl())) {
                if (logs.path() != null) view.println(logs.where());
                if (!Folder.hasControlSchema(db)) return 2;
                MigrateRun run = new MigrateRun(db, f.format(), f.migrations(), target, view);
                if (!run.lock()) return 1;
                try {
                    run.importToolHistory();
                    return work.run(run, view, f, new MigrateRun.Pipeline(kafka.bootstrap(), kafka.topics(), token.signingKey(), timeout));
                } finally {
                    run.unlock();
                }
            }
        }
    }

    /** A folder read by its tool's rules, or null after saying why not. */
    record Folder(MigrationFormat format, List<Migration> migrations) {
        static Folder read(Path dir, String tool) {
            if (!Files.isDirectory(dir)) {
                System.err.println("zdm migrate: " + dir + " is not a folder");
                return null;
            }
            try {
                MigrationFormat format = MigrationFormats.of(dir, tool);
                return new Folder(format, format.read(dir));
            } catch (ZdmException e) {
                System.err.println("zdm migrate: " + (e.location() == null ? "" : e.location() + ": ") + e.code().code() + ": " + e.getMessage());
                return null;
            }
        }

        static boolean hasControlSchema(Connection db) throws java.sql.SQLException {
            try (var rs = db.createStatement().executeQuery("SELECT to_regclass('zdm.schema_history') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) return true;
            }
            System.err.println("zdm migrate: this database has no zdm control schema (zdm.schema_history) yet: start zdm (zdm up) for this target first");
            return false;
        }
    }

    /** {@code zdm migrate down DIR --to VERSION --target NAME --pg URL}. */
    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Migrate down to VERSION: the down migrations (Flyway U files, .down.sql, goose/dbmate down sections, diesel down.sql) of "
                    + "the applied versions after it, newest first, each through the pipeline; exit 0 only when all completed.")
    static final class Down implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the migrations folder")
        Path dir;

        @Option(names = "--to", required = true, paramLabel = "VERSION", description = "the version to leave applied (0 for none)")
        String to;

        @Mixin
        Session session;

        @Override
        public Integer call() throws Exception {
            if (session.target == null) {
                System.err.println("zdm migrate down: give --target");
                return 2;
            }
            return session.run("migrate down", dir, (run, view, f, pipeline) -> {
                Optional<List<Migration>> down = run.toRevert(to);
                if (down.isEmpty()) return 1;
                view.println(f.format().name() + " folder " + dir + ": " + down.get().size() + " version(s) to migrate down to " + to);
                int done = 0;
                for (Migration m : down.get()) {
                    if (!run.revert(m, run.appliedBefore(m), pipeline)) return 1;
                    done++;
                }
                view.println("");
                view.println("zdm migrate down: " + done + " version(s) migrated down");
                return 0;
            });
        }
    }

    /** {@code zdm migrate status DIR --pg URL}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each version of a migration folder on a target: applied, pending, running, failed, drift (its file changed since it was "
                    + "applied), missing (applied, no longer in the folder). Exit 1 when any failed, drifted or is missing.")
    static final class Status implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the migrations folder")
        Path dir;

        @Option(names = "--format", paramLabel = "TOOL", description = "the folder's tool, when zdm should not detect it")
        String tool;

        @Mixin
        PgOption pg;

        @Override
        public Integer call() throws Exception {
            Folder f = Folder.read(dir, tool);
            if (f == null) return 2;
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl()); LiveView view = LiveView.on(System.out)) {
                if (!Folder.hasControlSchema(db)) return 2;
                MigrateRun run = new MigrateRun(db, f.format(), f.migrations(), "-", view);
                List<VersionState> states = run.states();
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"VERSION", "STATE", "FILE", "MIGRATION", "STRATEGY", "WHEN", "NOTE"});
                for (VersionState v : states) {
                    var r = v.row();
                    String note = v.drift() != null ? v.drift() : r != null && r.error() != null ? r.error()
                            : r != null && "IMPORTED".equals(r.state()) ? "applied by " + r.tool() + " before zdm" : "";
                    rows.add(new String[] {v.key(), v.state(), v.migration() != null ? v.migration().name() : r.file(),
                            r == null || r.migrationId() == null ? "" : r.migrationId(), r == null || r.strategy() == null ? "" : r.strategy(),
                            r == null || r.finishedAt() == null ? "" : r.finishedAt().toString().replaceAll("\\.\\d+$", ""), note});
                }
                TextTable.lines(rows).forEach(System.out::println);
                long pending = states.stream().filter(v -> v.state().equals("pending")).count();
                System.out.println(f.format().name() + " folder " + dir + ": " + states.stream().filter(VersionState::applied).count() + " applied, "
                        + pending + " pending");
                return states.stream().anyMatch(v -> List.of("failed", "drift", "missing").contains(v.state())) ? 1 : 0;
            }
        }
    }
}

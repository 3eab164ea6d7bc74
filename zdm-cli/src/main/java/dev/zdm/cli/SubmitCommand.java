package dev.zdm.cli;

import dev.zdm.cli.follow.LiveView;
import dev.zdm.domain.input.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zdm submit FILE --target NAME [--wait]}. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a SQL migration for a target database. With --wait, follow it to its end: exit 0 only when it completed.")
final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the migration: SQL with optional -- @metadata {...} comments")
    Path file;

    @Option(names = "--target", required = true, description = "the target database, as named in zdm's configuration (targets.<name>.url)")
    String target;

    @Option(names = "--wait", description = "follow the migration until it completes, fails or is cancelled")
    boolean await;

    @Option(names = "--id", description = "migration id (default: derived from the file name and the time)")
    String id;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "how long --wait waits (ISO-8601 duration, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    KafkaOption kafka;

    @Mixin
    TokenOption token;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println("zdm submit: cannot read " + file);
            return 2;
        }
        String sql = Files.readString(file);
        String migrationId = id != null ? id : Requests.newMigrationId(file.getFileName().toString());
        if (!Requests.validNames("submit", "--id", migrationId, "--target", target)) return 2;
        if (Inputs.sqlProblem(sql) != null) {
            System.err.println("zdm submit: " + file + " " + Inputs.sqlProblem(sql));
            return 2;
        }
        var request = Requests.request(migrationId, target, file.toString(), sql);
        if (!await) {
            Requests.send(kafka.bootstrap(), kafka.topics().migrationRequests(), migrationId, request, token.signingKey());
            System.out.println(migrationId);
            return 0;
        }
        String end;
        try (LogFile logs = verbose.logs("submit"); LiveView view = LiveView.on(System.out)) {
            if (logs.path() != null) view.println(logs.where());
            end = Requests.submitAndFollow(kafka.bootstrap(), kafka.topics(), request, token.signingKey(), timeout, view::plan, view::accept);
        }
        System.out.println(migrationId + ": " + end);
        return end.equals("COMPLETED") ? 0 : 1;
    }
}

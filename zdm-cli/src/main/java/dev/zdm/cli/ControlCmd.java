package dev.zdm.cli;

import dev.zdm.events.ControlCommand;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zdm control ACTION MIGRATION}: pause, resume, cancel, retry with a smaller batch, roll back. */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = "Send an operator command for a migration: pause, resume, cancel, retry-smaller-batch, rollback.")
final class ControlCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "pause | resume | cancel | retry-smaller-batch | rollback")
    String action;

    @Parameters(index = "1", paramLabel = "MIGRATION")
    String migrationId;

    @Option(names = "--batch-size", description = "with retry-smaller-batch: the batch size to use (default: half the current)")
    Integer batchSize;

    @Option(names = "--reason", description = "why, for the history")
    String reason;

    @Mixin
    KafkaOption kafka;

    @Mixin
    TokenOption token;

    @Override
    public Integer call() throws Exception {
        if (!Requests.validNames("control", "MIGRATION_ID", migrationId)) return 2;
        String normalized = action.toUpperCase(Locale.ROOT).replace('-', '_');
        if (!java.util.Set.of("PAUSE", "RESUME", "CANCEL", "RETRY_SMALLER_BATCH", "ROLLBACK").contains(normalized)) {
            System.err.println("zdm control: unknown action '" + action + "' (pause, resume, cancel, retry-smaller-batch, rollback)");
            return 2;
        }
        var command = ControlCommand.newBuilder().setMigrationId(migrationId).setAction(normalized).setReason(reason)
                .setBatchSize(batchSize).setRequestedBy(System.getProperty("user.name")).setAt(Instant.now()).build();
        Requests.send(kafka.bootstrap(), kafka.topics().control(), migrationId, command, token.signingKey());
        System.out.println(normalized + " sent for " + migrationId);
        return 0;
    }
}

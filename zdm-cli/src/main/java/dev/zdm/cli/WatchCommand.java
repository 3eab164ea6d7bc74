package dev.zdm.cli;

import dev.zdm.cli.follow.ProgressFollower;
import dev.zdm.cli.follow.LiveView;
import dev.zdm.cli.follow.MigrationBlock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zdm watch}: live progress of every migration (or one) from {@code zdm.progress}. */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Show live migration progress from the progress topic.")
final class WatchCommand implements Callable<Integer> {
    @Option(names = "--migration", description = "only this migration")
    String migrationId;

    @Option(names = "--from-beginning", description = "replay the progress history first")
    boolean fromBeginning;

    @Option(names = "--until-done", description = "with --migration: exit when it reaches a final state (0 when completed)")
    boolean untilDone;

    @Mixin
    KafkaOption kafka;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        try (LogFile logs = verbose.logs("watch"); LiveView view = LiveView.on(System.out);
             ProgressFollower follower = new ProgressFollower(kafka.bootstrap(), kafka.topics().progress(), kafka.topics().migrationPlans(),
                     Requests.codec(), fromBeginning)) {
            if (logs.path() != null) view.println(logs.where());
            follower.onPlan(p -> {
                if (migrationId == null || migrationId.equals(p.getMigrationId())) view.plan(p);
            });
            while (true) {
                for (var e : follower.poll(Duration.ofMillis(500))) {
                    if (migrationId != null && !migrationId.equals(e.getMigrationId())) continue;
                    view.accept(e);
                    if (untilDone && migrationId != null && MigrationBlock.isFinal(e)) return e.getState().equals("COMPLETED") ? 0 : 1;
                }
            }
        }
    }
}

package dev.zdm.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code zdm bench}: benchmarks that measure zdm against the application it protects. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: what migrations cost a running application.",
        subcommands = {BackfillBenchCommand.class, dev.zdm.cli.bench.sync.SyncBench.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs {@code zdm bench ...} on its own, e.g. {@code BenchCommand backfill --rows 1000000}. */
    public static void main(String[] args) {
        int code = new CommandLine(new BenchCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("zdm bench " + cmd.getCommandName() + ": " + e);
                    e.printStackTrace(cmd.getErr());
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }
}

package dev.zdm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zdm} command. */
@Command(name = "zdm", mixinStandardHelpOptions = true, version = "zdm 0.1.0",
        description = "Zero-downtime PostgreSQL schema migrations, run as an event-driven pipeline on Kafka.",
        subcommands = {DemoCommand.class, ScenarioCommand.class, UpCommand.class, SubmitCommand.class, MigrateCommand.class, DeployedCommand.class, WatchCommand.class,
                ControlCmd.class, PlanCommand.class, TokenCommand.class, dev.zdm.cli.bench.BenchCommand.class, StatusCommand.class, BreakerCommand.class, CommandLine.HelpCommand.class})
public final class Zdm implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Zdm())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("zdm " + cmd.getCommandName() + ": " + e.getMessage());
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }
}

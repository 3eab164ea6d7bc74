package dev.zdm.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: log lines on the terminal instead of in a file, for commands that draw live progress. */
final class VerboseOption {
    @Option(names = "--verbose", description = "show log lines on the terminal (default: in ~/.zdm/logs/<command>-<time>.log, or $ZDM_LOG_DIR)")
    boolean verbose;

    /** The log file for {@code command}, or logging left on the terminal with --verbose. */
    LogFile logs(String command) {
        return verbose ? LogFile.keep() : LogFile.open(command);
    }
}

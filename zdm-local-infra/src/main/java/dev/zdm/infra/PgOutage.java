package dev.zdm.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes a PostgreSQL server that runs on this machine down and brings it back, as an outage or a
 * restart would: {@code pg_ctl stop -m fast} (every session is cut, as in a failover), then, later,
 * {@code pg_ctl restart} with the options the server was started with (its {@code postmaster.opts}).
 * For tests of what zdm does while its database is gone. Needs a superuser (to read the data
 * directory) and the server's files on this machine (the embedded server the tests start).
 */
public final class PgOutage {
    private final Path dataDir;
    private final Path pgCtl;

    private PgOutage(Path dataDir, Path pgCtl) {
        this.dataDir = dataDir;
        this.pgCtl = pgCtl;
    }

    /** Finds the server behind {@code server} on this machine: its data directory and its {@code pg_ctl}. */
    public static PgOutage of(PgServer server) throws SQLException, IOException {
        Path dataDir;
        try (Connection c = server.connect(server.adminDatabase()); ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
            rs.next();
            dataDir = Path.of(rs.getString(1));
        }
        List<String> opts = parseOpts(Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8));
        if (opts.isEmpty()) throw new IOException("postmaster.opts of " + dataDir + " names no binary");
        Path pgCtl = Path.of(opts.get(0)).resolveSibling("pg_ctl");
        if (!Files.isExecutable(pgCtl)) throw new IOException("no pg_ctl next to " + opts.get(0));
        return new PgOutage(dataDir, pgCtl);
    }

    /** Stops the server now, cutting every session (fast shutdown); returns when it is down. */
    public void stop() throws IOException, InterruptedException {
        run(List.of(pgCtl.toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "180", "stop"));
    }

    /** Starts it again with the options it ran with; returns when it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run(List.of(pgCtl.toString(), "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir.resolve("restart.log").toString(), "restart"));
    }

    private static void run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // pg_ctl refuses root; as the embedded server itself does, run it in a user namespace of its own then
        if ("root".equals(System.getProperty("user.name"))) command.addAll(List.of("unshare", "-U"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(200, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    /** The words of {@code postmaster.opts}: the binary (unquoted, spaces and all), then each option, double-quoted. */
    static List<String> parseOpts(String opts) {
        List<String> out = new ArrayList<>();
        String text = opts.strip();
        int firstOption = text.indexOf(" \"");
        if (!text.startsWith("\"") && firstOption > 0) {
            out.add(text.substring(0, firstOption));
            text = text.substring(firstOption + 1);
        }
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char ch : text.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(ch) && !quoted) {
                if (any) out.add(word.toString());
                word.setLength(0);
                any = false;
            } else {
                word.append(ch);
                any = true;
            }
        }
        if (any) out.add(word.toString());
        return out;
    }
}

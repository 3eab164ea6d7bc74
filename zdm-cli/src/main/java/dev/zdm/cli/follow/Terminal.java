package dev.zdm.cli.follow;

import java.io.File;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where standard output goes: an interactive terminal (a console, not {@code CI=true}, not
 * {@code TERM=dumb}), whether colour is wanted ({@code NO_COLOR} unset or empty), and its size
 * ({@code stty size} on {@code /dev/tty}, else {@code COLUMNS}/{@code LINES}, else 80x24).
 */
public record Terminal(boolean interactive, boolean colour, int columns, int rows) {
    public static Terminal detect() {
        return detect(System.getenv(), System.console() != null);
    }

    static Terminal detect(Map<String, String> env, boolean console) {
        boolean interactive = console && !"true".equalsIgnoreCase(env.getOrDefault("CI", "")) && !"dumb".equals(env.get("TERM"));
        boolean colour = interactive && env.getOrDefault("NO_COLOR", "").isEmpty();
        int[] size = interactive ? size(env) : new int[] {80, 24};
        return new Terminal(interactive, colour, size[0], size[1]);
    }

    private static int[] size(Map<String, String> env) {
        if (new File("/dev/tty").canRead()) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+ \\d+")) {
                    String[] rc = out.split(" ");
                    int rows = Integer.parseInt(rc[0]);
                    int columns = Integer.parseInt(rc[1]);
                    if (rows > 0 && columns > 0) return new int[] {columns, rows};
                }
            } catch (Exception e) {
                // no size from the terminal: the environment's, or the classic one
            }
        }
        return new int[] {number(env.get("COLUMNS"), 80), number(env.get("LINES"), 24)};
    }

    private static int number(String s, int otherwise) {
        try {
            return s == null ? otherwise : Math.max(20, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}

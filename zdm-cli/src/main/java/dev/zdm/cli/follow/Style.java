package dev.zdm.cli.follow;

import java.util.Map;

/**
 * How the live view writes: colour (ANSI SGR) only on a terminal and never when {@code NO_COLOR} is
 * set (no-color.org), plain text otherwise. Immutable.
 */
public final class Style {
    private static final String RESET = "\u001b[0m";
    private static final Map<MigrationBlock.RowState, String> ROW = Map.of(
            MigrationBlock.RowState.DONE, "\u001b[32m", MigrationBlock.RowState.RUNNING, "\u001b[36m",
            MigrationBlock.RowState.QUEUED, "\u001b[36m", MigrationBlock.RowState.THROTTLED, "\u001b[33m",
            MigrationBlock.RowState.WAITING, "\u001b[33m", MigrationBlock.RowState.PAUSED, "\u001b[33m",
            MigrationBlock.RowState.FAILED, "\u001b[31m", MigrationBlock.RowState.UNDOING, "\u001b[35m",
            MigrationBlock.RowState.UNDONE, "\u001b[35m");

    public static final Style PLAIN = new Style(false);
    public static final Style COLOUR = new Style(true);

    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    public boolean colour() {
        return colour;
    }

    String row(MigrationBlock.RowState state, String text) {
        String code = ROW.get(state);
        return colour && code != null ? code + text + RESET : text;
    }

    String state(String migrationState, String text) {
        if (!colour) return text;
        String code = switch (migrationState) {
            case "COMPLETED" -> "\u001b[1;32m";
            case "FAILED", "REJECTED", "REFUSED" -> "\u001b[1;31m";
            case "WAITING_DEPLOYMENT", "PAUSED", "CANCELLED", "ROLLING_BACK", "ROLLED_BACK" -> "\u001b[1;33m";
            default -> "\u001b[1m";
        };
        return code + text + RESET;
    }

    String warning(String text) {
        return colour ? "\u001b[33m" + text + RESET : text;
    }

    /** {@code line} cut to {@code width} visible characters (escape sequences do not count), ending with "~" when cut. */
    static String cut(String line, int width) {
        int visible = 0;
        StringBuilder out = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\u001b') escaped = true;
            if (escaped) {
                out.append(c);
                if (c == 'm') escaped = false;
                continue;
            }
            if (visible == width - 1 && visibleLength(line.substring(i)) > 1) {
                out.append('~');
                if (line.contains("\u001b")) out.append(RESET);
                return out.toString();
            }
            out.append(c);
            visible++;
        }
        return out.toString();
    }

    /** Characters a terminal shows for {@code s}: escape sequences do not count. */
    static int visibleLength(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}

package dev.zdm.cli.folder;

import java.util.Locale;

/**
 * The part of a migration file that migrates up, for tools that keep both directions in one file:
 * goose ({@code -- +goose Up} ... {@code -- +goose Down}) and dbmate ({@code -- migrate:up} ...
 * {@code -- migrate:down}). Lines outside the up section are blanked, not removed, so every line keeps
 * its number in what is reported. A file without such markers is all up. Pure.
 */
public final class UpSection {
    private UpSection() {
    }

    public static String of(String text) {
        String[] lines = text.split("\n", -1);
        boolean marked = false;
        for (String line : lines) {
            if (marker(line) != null) {
                marked = true;
                break;
            }
        }
        if (!marked) return text;
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (int i = 0; i < lines.length; i++) {
            String kind = marker(lines[i]);
            if (kind != null) up = kind.equals("up");
            out.append(up && kind == null ? lines[i] : "");
            if (i < lines.length - 1) out.append('\n');
        }
        return out.toString();
    }

    /** "up" or "down" for a section marker line, else null. */
    private static String marker(String line) {
        String l = line.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (l.equals("-- +goose up") || l.equals("-- migrate:up") || l.startsWith("-- migrate:up ")) return "up";
        if (l.equals("-- +goose down") || l.equals("-- migrate:down") || l.startsWith("-- migrate:down ")) return "down";
        return null;
    }
}

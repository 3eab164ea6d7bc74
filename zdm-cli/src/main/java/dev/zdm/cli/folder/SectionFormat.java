package dev.zdm.cli.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tools that keep both directions in one {@code <version>_<name>.sql} file, in sections: goose
 * ({@code -- +goose Up} / {@code -- +goose Down}, {@code -- +goose NO TRANSACTION}) and dbmate
 * ({@code -- migrate:up} / {@code -- migrate:down}, {@code -- migrate:up transaction:false}). A file
 * without the up marker is refused: its tool would refuse it too.
 */
final class SectionFormat implements MigrationFormat {
    private static final Pattern FILE = Pattern.compile("^(\\d+)_(.+)\\.sql$");

    private final String name;
    private final String upMarker;
    private final String downMarker;

    private SectionFormat(String name, String upMarker, String downMarker) {
        this.name = name;
        this.upMarker = upMarker;
        this.downMarker = downMarker;
    }

    static final SectionFormat GOOSE = new SectionFormat("goose", "-- +goose up", "-- +goose down");
    static final SectionFormat DBMATE = new SectionFormat("dbmate", "-- migrate:up", "-- migrate:down");

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean recognizes(List<String> files, Path root) {
        return files.stream().filter(f -> !f.contains("/") && FILE.matcher(f).matches()).limit(20)
                .anyMatch(f -> marked(FileText.read(root.resolve(f)), upMarker));
    }

    @Override
    public List<Migration> read(Path root) {
        List<Migration> out = new ArrayList<>();
        for (String file : Layouts.files(root, 1)) {
            if (!Layouts.isSql(file)) continue;
            Matcher m = FILE.matcher(file);
            if (!m.matches()) throw Layouts.refuse(root, file, "not a " + name + " migration name: <version>_<name>.sql");
            String text = FileText.read(root.resolve(file));
            if (!marked(text, upMarker)) throw Layouts.refuse(root, file, "has no '" + upMarker + "' line, so " + name + " would not run it");
            String version = name.equals("goose") ? new java.math.BigInteger(m.group(1)).toString() : m.group(1);
            out.add(new Migration(version, Versions.parse(m.group(1)), Layouts.description(m.group(2)), file, root.resolve(file),
                    UpSection.of(text), downOf(text), transactional(text), false));
        }
        return Layouts.ordered(root, name, out);
    }

    private static boolean marked(String text, String marker) {
        return text.lines().map(SectionFormat::normal).anyMatch(l -> l.equals(marker) || l.startsWith(marker + " "));
    }

    private boolean transactional(String text) {
        return text.lines().map(SectionFormat::normal).noneMatch(l -> l.equals("-- +goose no transaction")
                || l.startsWith(upMarker + " ") && l.contains("transaction:false"));
    }

    /** The down section, or null when the file has none. */
    private String downOf(String text) {
        StringBuilder down = null;
        for (String line : text.lines().toList()) {
            String l = normal(line);
            if (l.equals(downMarker) || l.startsWith(downMarker + " ")) {
                down = new StringBuilder();
            } else if (l.equals(upMarker) || l.startsWith(upMarker + " ")) {
                if (down != null) break;
            } else if (down != null) {
                down.append(line).append('\n');
            }
        }
        return down == null ? null : down.toString();
    }

    private static String normal(String line) {
        return line.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}

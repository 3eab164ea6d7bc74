package dev.zdm.cli.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations of a folder in the order a migration tool applies them, for the layouts teams use:
 * <ul>
 *   <li>Flyway: {@code V<version>__<name>.sql} (version parts split by {@code .} or {@code _}), then
 *       repeatable {@code R__<name>.sql} by name; undo files {@code U...} are not migrations;</li>
 *   <li>golang-migrate and sqlx: {@code <version>_<name>.up.sql} ({@code .down.sql} skipped), sqlx
 *       also {@code <version>_<name>.sql};</li>
 *   <li>goose and dbmate: {@code <version>_<name>.sql}, of which only the up section counts
 *       ({@code -- +goose Up} / {@code -- migrate:up}, see {@link UpSection});</li>
 *   <li>Prisma: {@code <timestamp>_<name>/migration.sql}; diesel: {@code <timestamp>_<name>/up.sql}
 *       ({@code down.sql} skipped);</li>
 *   <li>plain numbered files: {@code 001_x.sql}, {@code 0002-x.sql}.</li>
 * </ul>
 * The order is by version (each dot, dash or underscore separated number compared as a number, so
 * {@code V10} follows {@code V9} and a diesel {@code 2019-02-27-170003} a {@code 2019-02-05-...}),
 * then by path. A folder in a layout zdm knows ({@link MigrationFormats}) is read as its tool reads
 * it, refusing what the tool would not run; any other folder (files gathered from several projects,
 * say) is read leniently: every {@code .sql} file, files without a version after the versioned ones,
 * by path. Pure but for reading the folder.
 */
public final class MigrationFolder {
    /** The version of a name: after an optional Flyway {@code V}, digits with separators up to the first other character. */
    private static final Pattern VERSION = Pattern.compile("^(?:[Vv])?(\\d+(?:[._-]\\d+)*)");

    /** One migration: where it is, and its version key for ordering (empty: none). */
    public record Entry(Path file, String name, List<BigInteger> version, boolean repeatable) {
    }

    private MigrationFolder() {
    }

    /**
     * The migrations under {@code root}, in order.
     *
     * @throws dev.zdm.domain.error.ZdmException {@code INVALID_REQUEST} naming the file, when the folder's
     *         layout is known and a file breaks it, or two files share a version
     */
    public static List<Entry> list(Path root) {
        var format = MigrationFormats.detect(root);
        if (format.isPresent()) {
            return format.get().read(root).stream().map(m -> new Entry(m.file(), m.name(), m.order(), m.repeatable())).toList();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .map(f -> entry(root, f)).filter(e -> e != null).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(ORDER);
        return out;
    }

    /** The entry of one file, or null when it is not a migration to apply (a down or undo file). */
    public static Entry entry(Path root, Path file) {
        String fileName = file.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".down.sql") || lower.equals("down.sql") || lower.matches("u\\d.*__.*\\.sql")) return null;
        // a migration in a folder of its own (Prisma, diesel): the folder names it
        boolean inOwnFolder = lower.equals("migration.sql") || lower.equals("up.sql");
        Path parent = file.getParent();
        String name = inOwnFolder && parent != null && !parent.equals(root) ? parent.getFileName().toString() : fileName;
        boolean repeatable = name.startsWith("R__");
        Matcher m = VERSION.matcher(name);
        List<BigInteger> version = !repeatable && m.find() ? Versions.parse(m.group(1)) : List.of();
        return new Entry(file, root.relativize(file).toString(), version, repeatable);
    }

    /** Versioned first by version, then repeatable ones, then files without a version; ties by path. */
    static final Comparator<Entry> ORDER = Comparator.<Entry>comparingInt(e -> e.version().isEmpty() ? (e.repeatable() ? 1 : 2) : 0)
            .thenComparing(Entry::version, Versions::compare)
            .thenComparing(Entry::name);
}

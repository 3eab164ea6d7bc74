package dev.zdm.cli.folder;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What the formats share: listing a folder, refusing a file, and the one version each migration must have alone. */
final class Layouts {
    private Layouts() {
    }

    /** Every file under {@code root}, relative and {@code /}-separated, sorted; {@code depth} 1 for the folder itself only. */
    static List<String> files(Path root, int depth) {
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    static boolean isSql(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    static String fileName(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    static ZdmException refuse(Path root, String file, String reason) {
        return new ZdmException(ErrorCode.INVALID_REQUEST, reason, root.resolve(file).toString());
    }

    /** The migrations in version order (repeatables after, by description); two with one version are refused naming both. */
    static List<Migration> ordered(Path root, String tool, List<Migration> migrations) {
        Map<String, Migration> seen = new HashMap<>();
        for (Migration m : migrations) {
            if (m.repeatable()) continue;
            Migration other = seen.putIfAbsent(m.version(), m);
            if (other != null) {
                throw refuse(root, m.name(), tool + " version " + m.version() + " of " + m.name() + " is also the version of " + other.name()
                        + ": one version, one migration");
            }
        }
        List<Migration> out = new ArrayList<>(migrations);
        out.sort(Comparator.<Migration>comparingInt(m -> m.repeatable() ? 1 : 0).thenComparing(Migration::order, Versions::compare)
                .thenComparing(Migration::description).thenComparing(Migration::name));
        return out;
    }

    /** {@code name} as a tool's description: underscores as spaces. */
    static String description(String name) {
        return name.replace('_', ' ').strip();
    }
}

package dev.zdm.cli.folder;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every folder layout zdm reads, in the order it tries them on a folder whose tool is not named. */
public final class MigrationFormats {
    public static final List<MigrationFormat> ALL = List.of(FolderPerMigrationFormat.PRISMA, FolderPerMigrationFormat.DIESEL,
            new FlywayFormat(), SectionFormat.GOOSE, SectionFormat.DBMATE, new GolangMigrateFormat(), new NumberedFormat());

    private MigrationFormats() {
    }

    /** The layout of {@code root}, if it is one zdm knows. */
    public static Optional<MigrationFormat> detect(Path root) {
        List<String> files = Layouts.files(root, 3);
        return ALL.stream().filter(f -> f.recognizes(files, root)).findFirst();
    }

    /** The layout named {@code name}, or {@code INVALID_REQUEST} listing the names. */
    public static MigrationFormat named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new ZdmException(ErrorCode.INVALID_REQUEST,
                "unknown migration format " + name + "; known: " + ALL.stream().map(MigrationFormat::name).collect(Collectors.joining(", "))));
    }

    /** The layout named, or else the one {@code root} has; {@code INVALID_REQUEST} when it has none zdm knows. */
    public static MigrationFormat of(Path root, String name) {
        if (name != null) return named(name);
        return detect(root).orElseThrow(() -> new ZdmException(ErrorCode.INVALID_REQUEST, "no migration layout zdm knows in " + root + " ("
                + ALL.stream().map(MigrationFormat::name).collect(Collectors.joining(", ")) + "); name one with --format", root.toString()));
    }
}

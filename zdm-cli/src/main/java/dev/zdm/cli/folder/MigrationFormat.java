package dev.zdm.cli.folder;

import java.nio.file.Path;
import java.util.List;

/**
 * How one migration tool lays out its folder: which files are migrations, their versions and
 * descriptions, the up and down SQL, and per-file directives. {@link #read} refuses, naming the file
 * and the reason, a {@code .sql} file the tool would not read as a migration and two migrations with
 * one version.
 */
public interface MigrationFormat {
    /** The tool's name as {@code --format} takes it: {@code flyway}, {@code golang-migrate}, ... */
    String name();

    /** True when the folder's files are laid out this way (its files relative to the folder, {@code /}-separated). */
    boolean recognizes(List<String> files, Path root);

    /** The folder's migrations in the order the tool applies them. */
    List<Migration> read(Path root);
}

package dev.zdm.cli.folder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tools that give each migration a folder named {@code <version>_<name>}: Prisma
 * ({@code migration.sql}; recorded by the folder's whole name, no down) and diesel ({@code up.sql} and
 * {@code down.sql}; recorded by the version with its dashes removed). A {@code .sql} file elsewhere is
 * refused.
 */
final class FolderPerMigrationFormat implements MigrationFormat {
    private static final Pattern FOLDER = Pattern.compile("^(\\d+(?:-\\d+)*)_(.*)$");

    private final String name;
    private final String up;
    private final String down;

    private FolderPerMigrationFormat(String name, String up, String down) {
        this.name = name;
        this.up = up;
        this.down = down;
    }

    static final FolderPerMigrationFormat PRISMA = new FolderPerMigrationFormat("prisma", "migration.sql", null);
    static final FolderPerMigrationFormat DIESEL = new FolderPerMigrationFormat("diesel", "up.sql", "down.sql");

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean recognizes(List<String> files, Path root) {
        return files.stream().anyMatch(f -> f.endsWith("/" + up) && f.indexOf('/') == f.lastIndexOf('/'));
    }

    @Override
    public List<Migration> read(Path root) {
        List<Migration> out = new ArrayList<>();
        for (String file : Layouts.files(root, 2)) {
            if (!Layouts.isSql(file)) continue;
            int slash = file.indexOf('/');
            String leaf = Layouts.fileName(file);
            if (slash < 0 || !(leaf.equals(up) || leaf.equals(down))) {
                throw Layouts.refuse(root, file, "not a " + name + " migration: " + name + " reads <version>_<name>/" + up
                        + (down == null ? "" : " and " + down) + " only");
            }
            if (leaf.equals(down)) continue;
            String folder = file.substring(0, slash);
            Matcher m = FOLDER.matcher(folder);
            if (!m.matches()) throw Layouts.refuse(root, file, "the folder " + folder + " does not start with a version: <version>_<name>");
            String version = name.equals("prisma") ? folder : m.group(1).replace("-", "");
            Path downFile = down == null ? null : root.resolve(folder).resolve(down);
            String downSql = downFile != null && Files.isRegularFile(downFile) ? FileText.read(downFile) : null;
            out.add(new Migration(version, Versions.parse(m.group(1)), Layouts.description(m.group(2)), file, root.resolve(file),
                    FileText.read(root.resolve(file)), downSql, true, false));
        }
        return Layouts.ordered(root, name, out);
    }
}

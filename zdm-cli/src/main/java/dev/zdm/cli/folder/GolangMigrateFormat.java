package dev.zdm.cli.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate (and sqlx's reversible migrations): {@code <version>_<title>.up.sql} with its
 * {@code <version>_<title>.down.sql}, in the folder itself; the version is a number, recorded without
 * leading zeros.
 */
final class GolangMigrateFormat implements MigrationFormat {
    private static final Pattern FILE = Pattern.compile("^(\\d+)_(.+)\\.(up|down)\\.sql$");

    @Override
    public String name() {
        return "golang-migrate";
    }

    @Override
    public boolean recognizes(List<String> files, Path root) {
        return files.stream().filter(f -> !f.contains("/")).anyMatch(f -> f.endsWith(".up.sql") && FILE.matcher(f).matches());
    }

    @Override
    public List<Migration> read(Path root) {
        Map<String, String> down = new HashMap<>();
        List<String[]> ups = new ArrayList<>();
        for (String file : Layouts.files(root, 1)) {
            if (!Layouts.isSql(file)) continue;
            Matcher m = FILE.matcher(file);
            if (!m.matches()) {
                throw Layouts.refuse(root, file, "not a golang-migrate migration name: <version>_<title>.up.sql or .down.sql");
            }
            String version = new java.math.BigInteger(m.group(1)).toString();
            if (m.group(3).equals("down")) down.put(version, FileText.read(root.resolve(file)));
            else ups.add(new String[] {version, m.group(2), file});
        }
        List<Migration> out = new ArrayList<>();
        for (String[] u : ups) {
            out.add(new Migration(u[0], Versions.parse(u[0]), Layouts.description(u[1]), u[2], root.resolve(u[2]), FileText.read(root.resolve(u[2])),
                    down.get(u[0]), true, false));
        }
        return Layouts.ordered(root, "golang-migrate", out);
    }
}

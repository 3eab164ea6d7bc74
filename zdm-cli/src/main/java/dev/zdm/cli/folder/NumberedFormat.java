package dev.zdm.cli.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain numbered files ({@code 001_init.sql}, {@code 0002-users.sql}; sqlx's simple migrations too), in the folder itself. */
final class NumberedFormat implements MigrationFormat {
    private static final Pattern FILE = Pattern.compile("^(\\d+)[_-](.+)\\.sql$");

    @Override
    public String name() {
        return "numbered";
    }

    @Override
    public boolean recognizes(List<String> files, Path root) {
        List<String> sql = files.stream().filter(Layouts::isSql).toList();
        return !sql.isEmpty() && sql.stream().allMatch(f -> !f.contains("/") && FILE.matcher(f).matches());
    }

    @Override
    public List<Migration> read(Path root) {
        List<Migration> out = new ArrayList<>();
        for (String file : Layouts.files(root, 1)) {
            if (!Layouts.isSql(file)) continue;
            Matcher m = FILE.matcher(file);
            if (!m.matches()) throw Layouts.refuse(root, file, "not a numbered migration name: <number>_<name>.sql");
            String version = new java.math.BigInteger(m.group(1)).toString();
            out.add(new Migration(version, Versions.parse(version), Layouts.description(m.group(2)), file, root.resolve(file),
                    FileText.read(root.resolve(file)), null, true, false));
        }
        return Layouts.ordered(root, "numbered", out);
    }
}

package dev.zdm.cli.folder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway: {@code V<version>__<description>.sql} (version parts separated by {@code .} or {@code _},
 * recorded with dots), repeatable {@code R__<description>.sql} (after every versioned one), undo
 * {@code U<version>__<description>.sql} (the down SQL of that version), in the folder and below it.
 * A script's {@code <file>.conf} with {@code executeInTransaction=false} marks it non-transactional.
 */
final class FlywayFormat implements MigrationFormat {
    private static final Pattern VERSIONED = Pattern.compile("^([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql$");
    private static final Pattern REPEATABLE = Pattern.compile("^R__(.+)\\.sql$");

    @Override
    public String name() {
        return "flyway";
    }

    @Override
    public boolean recognizes(List<String> files, Path root) {
        return files.stream().map(Layouts::fileName).anyMatch(f -> VERSIONED.matcher(f).matches() && f.startsWith("V"));
    }

    @Override
    public List<Migration> read(Path root) {
        List<Migration> out = new ArrayList<>();
        Map<String, String> undo = new HashMap<>();
        Map<String, String> undoFile = new HashMap<>();
        for (String file : Layouts.files(root, Integer.MAX_VALUE)) {
            if (!Layouts.isSql(file)) continue;
            String name = Layouts.fileName(file);
            Matcher v = VERSIONED.matcher(name);
            Matcher r = REPEATABLE.matcher(name);
            if (v.matches() && v.group(1).equals("U")) {
                String version = v.group(2).replace('_', '.');
                undo.put(version, FileText.read(root.resolve(file)));
                undoFile.put(version, file);
            } else if (v.matches()) {
                String version = v.group(2).replace('_', '.');
                out.add(new Migration(version, Versions.parse(version), Layouts.description(v.group(3)), file, root.resolve(file),
                        FileText.read(root.resolve(file)), null, transactional(root.resolve(file)), false));
            } else if (r.matches()) {
                out.add(new Migration(null, List.of(), Layouts.description(r.group(1)), file, root.resolve(file), FileText.read(root.resolve(file)),
                        null, transactional(root.resolve(file)), true));
            } else {
                throw Layouts.refuse(root, file, "not a Flyway migration name: V<version>__<description>.sql, R__<description>.sql "
                        + "or U<version>__<description>.sql (Flyway would not run it)");
            }
        }
        List<Migration> withUndo = new ArrayList<>();
        for (Migration m : out) {
            String down = m.version() == null ? null : undo.remove(m.version());
            withUndo.add(down == null ? m : new Migration(m.version(), m.order(), m.description(), m.name(), m.file(), m.up(), down,
                    m.transactional(), m.repeatable()));
        }
        if (!undo.isEmpty()) {
            String version = undo.keySet().iterator().next();
            throw Layouts.refuse(root, undoFile.get(version), "undo migration of version " + version + ", which has no V" + version + "__ migration");
        }
        return Layouts.ordered(root, "Flyway", withUndo);
    }

    private static boolean transactional(Path script) {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) return true;
        return !FileText.read(conf).lines().map(l -> l.replaceAll("\\s", "")).anyMatch(l -> l.equalsIgnoreCase("executeInTransaction=false"));
    }
}

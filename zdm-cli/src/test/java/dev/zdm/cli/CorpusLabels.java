package dev.zdm.cli;

import dev.zdm.planner.parse.ParsedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled statements of the corpus ({@code src/test/resources/corpus/labels.tsv}): a statement of
 * a real migration file, by file and line, with the table locks PostgreSQL takes for it and zdm's
 * verdict on it alone, offline. CorpusTest checks the verdicts, CorpusLabelsIT the locks on PostgreSQL.
 *
 * @param locks   {@code table=MODE[,table=MODE]}, {@code -} for none; tables as PostgreSQL names them
 *                after CorpusLabelsIT builds the minimal schema the statement needs
 * @param verdict {@code safe} or {@code needs}: whether {@code zdm plan} of the statement alone exits 0
 */
record CorpusLabels(String file, int line, String statementClass, String locks, String verdict) {
    static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

    static List<CorpusLabels> all() throws IOException {
        List<CorpusLabels> out = new ArrayList<>();
        try (InputStream in = CorpusLabels.class.getResourceAsStream("/corpus/labels.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("file\t")) continue;
                String[] f = line.split("\t");
                out.add(new CorpusLabels(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4]));
            }
        }
        return out;
    }

    /** The statement of the file that starts on the labelled line. */
    ParsedStatement statement() {
        return MigrationFile.read(CORPUS.resolve(file)).stream().filter(s -> s.position().line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no statement starts at " + file + ":" + line));
    }

    @Override
    public String toString() {
        return file + ":" + line + " (" + statementClass + ")";
    }
}

package dev.zdm.planner.truth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the analyzer's {@code analyzer/forms.tsv}: the setup, the form, and what the row says
 * PostgreSQL does (table locks, rewritten tables, whether it runs in a transaction block).
 */
record Form(String id, String setup, String statement, Map<String, String> locks, List<String> rewrites, boolean txn) {
    private static final String HEADER = "id\tsetup\tstatement\tlocks\trewrites\tscans\ttxn";

    @Override
    public String toString() {
        return id;
    }

    /** Every row of the file, in order. */
    static List<Form> all() throws IOException {
        try (InputStream in = Form.class.getResourceAsStream("/analyzer/forms.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            if (!lines.get(0).equals(HEADER)) throw new IllegalStateException("forms.tsv header changed: " + lines.get(0));
            return lines.stream().skip(1).map(Form::parse).toList();
        }
    }

    private static Form parse(String line) {
        String[] c = line.split("\t", -1);
        Map<String, String> locks = new TreeMap<>();
        if (!c[3].equals("-")) Arrays.stream(c[3].split(",")).map(p -> p.split("=")).forEach(p -> locks.put(p[0], p[1]));
        List<String> rewrites = c[4].equals("-") ? List.of() : List.of(c[4].split(","));
        return new Form(c[0], c[1], c[2], locks, rewrites, c[6].equals("yes"));
    }
}

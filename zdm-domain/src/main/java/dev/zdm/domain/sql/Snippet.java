package dev.zdm.domain.sql;

/** SQL shown to a person inside a message: one line, white space folded, at most {@value #MAX} characters. Pure. */
public final class Snippet {
    public static final int MAX = 120;

    private Snippet() {
    }

    public static String of(String sql) {
        String flat = sql == null ? "" : sql.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX ? flat.substring(0, MAX - 3) + "..." : flat;
    }
}

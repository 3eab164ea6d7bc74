package dev.zdm.planner.parse;

import java.util.Objects;

/**
 * Where something is in a migration file; lines and columns count from 1.
 *
 * @param file   the file name as given by the caller (never null; {@code <input>} when unnamed)
 * @param line   1-based line
 * @param column 1-based column, counted in UTF-16 characters
 */
public record SourcePosition(String file, int line, int column) {
    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) throw new IllegalArgumentException("line and column count from 1");
    }

    /** {@code file:line:column}, the form error locations use. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

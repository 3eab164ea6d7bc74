package dev.zdm.planner.catalog;

import java.util.Arrays;
import java.util.List;

/** Reads the column list of a {@code PRIMARY KEY (a, b)} or {@code UNIQUE (a)} definition. */
final class KeyColumns {
    private KeyColumns() {
    }

    static List<String> of(String definition) {
        int open = definition.indexOf('(');
        int close = definition.indexOf(')', open + 1);
        if (open < 0 || close < 0) return List.of();
        return Arrays.stream(definition.substring(open + 1, close).split(","))
                .map(String::strip).map(s -> s.replace("\"", "")).filter(s -> !s.isEmpty()).toList();
    }
}

package dev.zdm.planner.analyze.recognize;

import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.parse.Token;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The tables a query reads: names after FROM / JOIN at the top level or inside sub-queries (not
 * inside function calls such as {@code extract(epoch FROM x)}), and not followed by {@code (}
 * (a set-returning function).
 */
final class SourceTables {
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values");

    private SourceTables() {
    }

    static List<TableName> in(List<Token> tokens) {
        List<TableName> out = new ArrayList<>();
        Deque<Boolean> subquery = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                subquery.push(i + 1 < tokens.size() && QUERY_STARTS.contains(tokens.get(i + 1).value()));
            } else if (t.isSymbol(")")) {
                if (!subquery.isEmpty()) subquery.pop();
            } else if ((t.isWord("from") || t.isWord("join")) && (subquery.isEmpty() || subquery.peek())) {
                int j = i + 1;
                while (j < tokens.size() && (tokens.get(j).isWord("only") || tokens.get(j).isWord("lateral"))) j++;
                name(tokens, j).ifPresent(out::add);
            }
        }
        return out;
    }

    private static java.util.Optional<TableName> name(List<Token> tokens, int j) {
        if (j >= tokens.size() || !tokens.get(j).isName()) return java.util.Optional.empty();
        String first = tokens.get(j).value();
        int after = j + 1;
        TableName name = TableName.of(first);
        if (after + 1 < tokens.size() && tokens.get(after).isSymbol(".") && tokens.get(after + 1).isName()) {
            name = new TableName(first, tokens.get(after + 1).value());
            after += 2;
        }
        if (after < tokens.size() && tokens.get(after).isSymbol("(")) return java.util.Optional.empty();
        return java.util.Optional.of(name);
    }
}

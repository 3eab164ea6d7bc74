package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change.DefaultKind;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.parse.Token;

import java.util.List;
import java.util.Set;

/**
 * Classifies a column default: PostgreSQL 11+ evaluates a non-volatile default once and stores it
 * in the catalog (no rewrite); a volatile one is evaluated per row (rewrite). A function whose
 * volatility zdm does not know is assumed volatile, because guessing wrong would hide a rewrite.
 */
final class DefaultExpressions {
    /** Built-in functions that are immutable or stable: their default is evaluated once. */
    private static final Set<String> NON_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_date", "current_timestamp", "localtimestamp", "lower", "upper", "coalesce", "nullif", "greatest",
            "least", "cast", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array",
            "array", "row", "make_date", "make_timestamp", "make_timestamptz", "make_interval", "to_jsonb", "to_json",
            "concat", "length", "abs", "round", "trim", "btrim", "interval", "date_trunc", "current_setting", "to_char");

    private DefaultExpressions() {
    }

    static DefaultKind classify(String expression) {
        if (expression == null || expression.isBlank()) return DefaultKind.NONE;
        List<Token> tokens = SqlTokens.of(expression).remaining();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = t.isName() && tokens.get(i + 1).isSymbol("(");
            boolean typeModifier = i > 0 && tokens.get(i - 1).isSymbol("::");
            if (call && !typeModifier && !NON_VOLATILE.contains(t.value())) return DefaultKind.VOLATILE;
        }
        return DefaultKind.CONSTANT;
    }
}

package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;

import java.util.Optional;

/**
 * Forms real migration folders use that lock no table, or one named table, checked against
 * PostgreSQL in the truth IT: {@code ALTER INDEX ... RENAME TO} and {@code ALTER INDEX ... SET|RESET
 * (...)} (SHARE UPDATE EXCLUSIVE on the index only), {@code ALTER TYPE ... RENAME TO|OWNER TO},
 * {@code ALTER DEFAULT PRIVILEGES}, {@code CREATE|ALTER|DROP EVENT TRIGGER} (no table lock),
 * {@code ALTER POLICY ... ON t} (ACCESS EXCLUSIVE on {@code t}), and {@code CALL} (no lock of its own;
 * what the procedure does is not visible here, so it is a DANGER finding).
 */
final class OtherObjectRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.accept("call")) {
            return Optional.of(Effect.builder(StatementKind.DO_BLOCK).finding(Finding.danger(FindingCode.PROCEDURE_BODY, "CALL runs a procedure whose "
                    + "statements zdm cannot see here: their locks and run time are unknown", "write the procedure's statements into the "
                    + "migration so zdm can judge them, or run it outside zdm")).build());
        }
        if (sql.peekWords("alter", "default", "privileges")) return Optional.of(Effect.builder(StatementKind.GRANT_REVOKE).build());
        if (sql.peekWords("create", "event", "trigger") || sql.peekWords("alter", "event", "trigger")) {
            return Optional.of(Effect.builder(StatementKind.CREATE_OTHER).build());
        }
        if (sql.peekWords("drop", "event", "trigger")) return Optional.of(Effect.builder(StatementKind.DROP_OTHER).build());
        if (sql.accept("alter", "index")) return alterIndex(sql);
        if (sql.accept("alter", "type")) return alterType(sql);
        if (sql.accept("alter", "policy")) {
            sql.name();
            if (!sql.accept("on")) return Optional.empty();
            return Optional.of(Effect.builder(StatementKind.ALTER_OTHER).subject(sql.tableName(), LockMode.ACCESS_EXCLUSIVE).build());
        }
        return Optional.empty();
    }

    private static Optional<Effect> alterIndex(SqlTokens sql) {
        sql.accept("if", "exists");
        if (sql.tableName() == null) return Optional.empty();
        boolean harmless = sql.peekWords("rename", "to") || sql.peekWords("set", "(") || sql.peekWords("reset", "(") || setOptions(sql);
        return harmless ? Optional.of(Effect.builder(StatementKind.ALTER_OTHER).build()) : Optional.empty();
    }

    /** {@code SET (} and {@code RESET (}: the lexer makes the parenthesis a symbol, not a word. */
    private static boolean setOptions(SqlTokens sql) {
        var first = sql.peek(0);
        var second = sql.peek(1);
        return first != null && second != null && (first.isWord("set") || first.isWord("reset")) && second.isSymbol("(");
    }

    private static Optional<Effect> alterType(SqlTokens sql) {
        if (sql.tableName() == null) return Optional.empty();
        if (sql.peekWords("rename", "to") || sql.peekWords("owner", "to")) return Optional.of(Effect.builder(StatementKind.ALTER_OTHER).build());
        return Optional.empty();
    }
}

package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * Transaction control ({@code BEGIN}, {@code COMMIT}, ...), session settings ({@code SET},
 * {@code RESET}) and {@code LOCK TABLE name IN mode MODE} (the mode named; ACCESS EXCLUSIVE when
 * none is).
 */
final class SessionRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.peekWords("begin") || sql.peekWords("start", "transaction") || sql.peekWords("commit") || sql.peekWords("end")
                || sql.peekWords("rollback") || sql.peekWords("savepoint") || sql.peekWords("release") || sql.peekWords("abort")) {
            return Optional.of(Effect.builder(StatementKind.TRANSACTION_CONTROL).finding(Finding.info(FindingCode.TRANSACTION_CONTROL,
                    "zdm runs every step in its own short transaction; statements between BEGIN and COMMIT stay together in one step")).build());
        }
        if (sql.peekWords("set") || sql.peekWords("reset")) return Optional.of(Effect.builder(StatementKind.SESSION_SETTING).build());
        if (!sql.accept("lock")) return Optional.empty();
        sql.accept("table");
        sql.accept("only");
        String mode = "access exclusive";
        Effect.Builder e = Effect.builder(StatementKind.LOCK_TABLE);
        java.util.List<TableName> tables = new java.util.ArrayList<>();
        for (SqlTokens part : sql.splitTopLevel()) {
            tables.add(part.tableName());
            part.acceptSymbol("*");
            if (part.accept("in")) mode = part.textUntil("mode").toLowerCase();
        }
        LockMode lock = LockMode.fromName(mode);
        tables.forEach(t -> e.subject(t, lock));
        return Optional.of(e.build());
    }
}

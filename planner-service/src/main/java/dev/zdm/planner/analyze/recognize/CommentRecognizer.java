package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code COMMENT ON TABLE t | COLUMN t.c IS '...'}: SHARE UPDATE EXCLUSIVE on the table; other objects lock no table. */
final class CommentRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("comment", "on")) return Optional.empty();
        Effect.Builder e = Effect.builder(StatementKind.COMMENT);
        boolean column = sql.accept("column");
        boolean table = !column && sql.accept("table");
        if (!column && !table) return Optional.of(e.build());
        List<String> parts = dotted(sql);
        sql.accept("is");
        Token text = sql.next();
        String comment = text != null && text.type() == TokenType.STRING ? text.value() : null;
        if (parts.isEmpty() || (column && parts.size() < 2)) return Optional.of(Unknown.effect(sql.sql(), null));
        int tableEnd = column ? parts.size() - 1 : parts.size();
        TableName t = tableEnd >= 2 ? new TableName(parts.get(tableEnd - 2), parts.get(tableEnd - 1)) : TableName.of(parts.get(0));
        return Optional.of(e.subject(t, LockMode.SHARE_UPDATE_EXCLUSIVE)
                .change(new Change.Comment(t, column ? parts.get(parts.size() - 1) : null, comment)).build());
    }

    private static List<String> dotted(SqlTokens sql) {
        List<String> parts = new ArrayList<>();
        do {
            String n = sql.name();
            if (n == null) break;
            parts.add(n);
        } while (sql.acceptSymbol("."));
        return parts;
    }
}

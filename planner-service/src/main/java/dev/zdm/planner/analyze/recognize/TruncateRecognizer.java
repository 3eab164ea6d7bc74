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

/** {@code TRUNCATE [TABLE] [ONLY] name [, ...]}: ACCESS EXCLUSIVE, a new empty relfilenode, and every row gone. */
final class TruncateRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("truncate")) return Optional.empty();
        sql.accept("table");
        Effect.Builder e = Effect.builder(StatementKind.TRUNCATE).newStorage();
        for (SqlTokens part : sql.splitTopLevel()) {
            part.accept("only");
            TableName table = part.tableName();
            if (table == null) continue;
            e.subject(table, LockMode.ACCESS_EXCLUSIVE).finding(Finding.danger(FindingCode.DATA_LOSS, "TRUNCATE removes every row of " + table,
                    "make sure no running application version still needs the rows"));
        }
        return Optional.of(e.build());
    }
}

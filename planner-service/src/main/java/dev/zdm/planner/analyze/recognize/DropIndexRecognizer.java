package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...]}: ACCESS EXCLUSIVE on the index's table,
 * catalog only; CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead, outside a transaction block.
 */
final class DropIndexRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("drop", "index")) return Optional.empty();
        boolean concurrently = sql.accept("concurrently");
        sql.accept("if", "exists");
        Effect.Builder e = Effect.builder(concurrently ? StatementKind.DROP_INDEX_CONCURRENTLY : StatementKind.DROP_INDEX);
        LockMode lock = concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
        for (SqlTokens part : sql.splitTopLevel()) {
            TableName index = part.tableName();
            if (index == null) continue;
            Optional<TableName> table = schema.tableOfIndex(index.schema(), index.name());
            if (table.isPresent()) {
                e.subject(table.get(), lock).change(new Change.DropIndex(table.get(), index, concurrently));
            } else {
                // Without the catalog the index's table is unknown, not new: it takes the lock on an existing table.
                e.unnamedLock(lock).change(new Change.DropIndex(null, index, concurrently)).finding(Finding.info(FindingCode.ASSUMED, "the table of index "
                        + index + " is unknown; " + lock.docName() + " is taken on that table, assumed in use"));
            }
        }
        if (concurrently) e.nonTransactional().finding(Findings.nonTransactional("DROP INDEX CONCURRENTLY"));
        return Optional.of(e.build());
    }
}

package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * {@code REINDEX [(options)] INDEX|TABLE [CONCURRENTLY] name}: SHARE on the table (writes wait; the
 * index itself is ACCESS EXCLUSIVE, so queries using it wait too); CONCURRENTLY: SHARE UPDATE
 * EXCLUSIVE outside a transaction block. SCHEMA / DATABASE / SYSTEM forms are not analyzed.
 */
final class ReindexRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("reindex")) return Optional.empty();
        sql.parenthesized();
        boolean index = sql.accept("index");
        if (!index && !sql.accept("table")) return Optional.of(Unknown.effect(sql.sql(), null));
        boolean concurrently = sql.accept("concurrently");
        TableName name = sql.tableName();
        Optional<TableName> table = index ? schema.tableOfIndex(name.schema(), name.name()) : Optional.of(name);
        LockMode lock = concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE;
        Effect.Builder e = Effect.builder(concurrently ? StatementKind.REINDEX_CONCURRENTLY : StatementKind.REINDEX).work(Work.INDEX_BUILD);
        table.ifPresent(t -> e.subject(t, lock));
        if (concurrently) {
            e.nonTransactional().finding(Findings.nonTransactional("REINDEX CONCURRENTLY"));
        } else {
            e.finding(Findings.scan(table.orElse(name), LockMode.SHARE, "REINDEX rebuilds the index", "REINDEX ... CONCURRENTLY"));
        }
        return Optional.of(e.build());
    }
}

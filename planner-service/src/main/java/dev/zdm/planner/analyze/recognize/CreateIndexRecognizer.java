package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.IndexPredicates;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table ... [WHERE p]}:
 * SHARE (writes wait for the whole build) or, CONCURRENTLY, SHARE UPDATE EXCLUSIVE outside any
 * transaction block (reads and writes go on; a failure leaves an INVALID index behind).
 */
final class CreateIndexRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (!sql.accept("create")) return Optional.empty();
        boolean unique = sql.accept("unique");
        if (!sql.accept("index")) return Optional.empty();
        boolean concurrently = sql.accept("concurrently");
        sql.accept("if", "not", "exists");
        String name = sql.peekWords("on") ? null : sql.name();
        sql.accept("on");
        sql.accept("only");
        TableName table = sql.tableName();
        if (table == null) return Optional.of(Unknown.effect(sql.sql(), null));
        if (sql.accept("using")) sql.name();
        List<String> columns = columns(sql.parenthesized());
        sql.textUntil("where");
        String where = sql.accept("where") ? sql.rest() : null;
        String indexName = name != null ? name : table.name() + "_" + String.join("_", columns) + "_idx";

        Effect.Builder e = Effect.builder(concurrently ? StatementKind.CREATE_INDEX_CONCURRENTLY : StatementKind.CREATE_INDEX)
                .subject(table, concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE).work(Work.INDEX_BUILD)
                .change(new Change.CreateIndex(table, indexName, unique, concurrently, columns, where, sql.sql()));
        if (IndexPredicates.callsNotImmutable(where)) {
            e.finding(Finding.danger(FindingCode.INDEX_PREDICATE_NOT_IMMUTABLE, "the index predicate calls a function that is not IMMUTABLE ("
                    + where.strip() + "): PostgreSQL refuses to build such an index",
                    "compare with a constant computed once, e.g. WHERE created_at > '2026-01-01'; a progressive build leaves out such a"
                            + " partial index that it drops afterwards and builds the full index only"));
        }
        if (concurrently) {
            e.nonTransactional().finding(Findings.nonTransactional("CREATE INDEX CONCURRENTLY"));
        } else {
            e.finding(Findings.scan(table, LockMode.SHARE, "CREATE INDEX builds the index in one pass",
                    "CREATE INDEX CONCURRENTLY (outside a transaction; zdm drops and retries an INVALID leftover)"));
        }
        return Optional.of(e.build());
    }

    private static List<String> columns(String list) {
        if (list == null) return List.of();
        return Arrays.stream(list.split(",")).map(s -> s.strip().replace("\"", "").split("\\s+")[0]).toList();
    }
}

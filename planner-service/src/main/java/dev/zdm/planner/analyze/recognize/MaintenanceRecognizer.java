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
 * Maintenance: {@code VACUUM FULL} and {@code CLUSTER} rewrite the table under ACCESS EXCLUSIVE;
 * plain {@code VACUUM} and {@code ANALYZE} take SHARE UPDATE EXCLUSIVE; {@code REFRESH MATERIALIZED
 * VIEW} takes ACCESS EXCLUSIVE (EXCLUSIVE when CONCURRENTLY). VACUUM cannot run in a transaction block.
 */
final class MaintenanceRecognizer implements Recognizer {

    @Override
    public Optional<Effect> recognize(SqlTokens sql, SchemaView schema) {
        if (sql.accept("vacuum")) return Optional.of(vacuum(sql));
        if (sql.accept("analyze") || sql.accept("analyse")) {
            skipOptions(sql);
            Effect.Builder e = Effect.builder(StatementKind.ANALYZE).work(Work.SCAN);
            for (SqlTokens part : sql.splitTopLevel()) e.subject(part.tableName(), LockMode.SHARE_UPDATE_EXCLUSIVE);
            return Optional.of(e.build());
        }
        if (sql.accept("cluster")) {
            skipOptions(sql);
            TableName table = sql.tableName();
            Effect.Builder e = Effect.builder(StatementKind.CLUSTER).work(Work.REWRITE);
            if (table == null) return Optional.of(e.nonTransactional().finding(Findings.nonTransactional("CLUSTER of every table")).build());
            return Optional.of(e.subject(table, LockMode.ACCESS_EXCLUSIVE)
                    .finding(Findings.rewrite(table, "CLUSTER", "pg_repack, or accept a maintenance window")).build());
        }
        if (sql.accept("refresh", "materialized", "view")) {
            boolean concurrently = sql.accept("concurrently");
            TableName view = sql.tableName();
            Effect.Builder e = Effect.builder(StatementKind.REFRESH_MATERIALIZED_VIEW);
            schema.viewSources(view).forEach(t -> e.lock(t, LockMode.ACCESS_SHARE));
            return Optional.of(concurrently ? e.subject(view, LockMode.EXCLUSIVE).work(Work.SCAN).build()
                    : e.subject(view, LockMode.ACCESS_EXCLUSIVE).work(Work.REWRITE).build());
        }
        return Optional.empty();
    }

    private static Effect vacuum(SqlTokens sql) {
        boolean full = sql.peek(0) != null && sql.peek(0).isSymbol("(")
                ? sql.parenthesized().toLowerCase().matches("(?s).*\\bfull\\b(?!\\s+(false|off|0)).*")
                : sql.accept("full");
        while (sql.accept("freeze") || sql.accept("verbose") || sql.accept("analyze") || sql.accept("analyse")) {
            continue;
        }
        Effect.Builder e = Effect.builder(full ? StatementKind.VACUUM_FULL : StatementKind.VACUUM).nonTransactional()
                .work(full ? Work.REWRITE : Work.SCAN).finding(Findings.nonTransactional("VACUUM"));
        for (SqlTokens part : sql.splitTopLevel()) {
            TableName table = part.tableName();
            e.subject(table, full ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_UPDATE_EXCLUSIVE);
            if (full && table != null) e.finding(Findings.rewrite(table, "VACUUM FULL", "pg_repack, or plain VACUUM"));
        }
        return e.build();
    }

    private static void skipOptions(SqlTokens sql) {
        sql.parenthesized();
        sql.accept("verbose");
    }
}

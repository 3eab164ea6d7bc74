package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.domain.sql.TableName;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Table-level subcommands that touch no column, as a table of key words to lock and work
 * (PostgreSQL 15's {@code AlterTableGetLockLevel}).
 */
final class TableOptionAction implements AlterAction {
    /** Storage parameters PostgreSQL changes under SHARE UPDATE EXCLUSIVE ({@code reloptions.c}); others need ACCESS EXCLUSIVE. */
    private static final Set<String> LIGHT_PARAMETERS = Set.of("fillfactor", "parallel_workers", "toast_tuple_target",
            "vacuum_index_cleanup", "vacuum_truncate", "log_autovacuum_min_duration");

    private record Form(List<String> words, LockMode lock, Work work, boolean breaksApp) {
        Form(String words, LockMode lock) {
            this(List.of(words.split(" ")), lock, Work.CATALOG_ONLY, false);
        }

        Form(String words, LockMode lock, Work work) {
            this(List.of(words.split(" ")), lock, work, false);
        }
    }

    private static final List<Form> FORMS = List.of(
            new Form("set logged", LockMode.ACCESS_EXCLUSIVE, Work.REWRITE),
            new Form("set unlogged", LockMode.ACCESS_EXCLUSIVE, Work.REWRITE),
            new Form("set tablespace", LockMode.ACCESS_EXCLUSIVE, Work.REWRITE),
            new Form("set access method", LockMode.ACCESS_EXCLUSIVE, Work.REWRITE),
            new Form(List.of("set", "schema"), LockMode.ACCESS_EXCLUSIVE, Work.CATALOG_ONLY, true),
            new Form("set without cluster", LockMode.SHARE_UPDATE_EXCLUSIVE),
            new Form("set without oids", LockMode.ACCESS_EXCLUSIVE),
            new Form("cluster on", LockMode.SHARE_UPDATE_EXCLUSIVE),
            new Form("owner to", LockMode.ACCESS_EXCLUSIVE),
            new Form("replica identity", LockMode.ACCESS_EXCLUSIVE),
            new Form("enable trigger", LockMode.SHARE_ROW_EXCLUSIVE),
            new Form("disable trigger", LockMode.SHARE_ROW_EXCLUSIVE),
            new Form("enable always trigger", LockMode.SHARE_ROW_EXCLUSIVE),
            new Form("enable replica trigger", LockMode.SHARE_ROW_EXCLUSIVE),
            new Form("enable rule", LockMode.ACCESS_EXCLUSIVE),
            new Form("disable rule", LockMode.ACCESS_EXCLUSIVE),
            new Form("enable row level security", LockMode.ACCESS_EXCLUSIVE),
            new Form("disable row level security", LockMode.ACCESS_EXCLUSIVE),
            new Form("force row level security", LockMode.ACCESS_EXCLUSIVE),
            new Form("no force row level security", LockMode.ACCESS_EXCLUSIVE),
            new Form("inherit", LockMode.ACCESS_EXCLUSIVE),
            new Form("no inherit", LockMode.ACCESS_EXCLUSIVE),
            new Form("not of", LockMode.ACCESS_EXCLUSIVE),
            new Form("of", LockMode.ACCESS_EXCLUSIVE),
            new Form("attach partition", LockMode.SHARE_UPDATE_EXCLUSIVE),
            new Form("detach partition", LockMode.ACCESS_EXCLUSIVE));

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        if ((sub.peekWords("set") || sub.peekWords("reset")) && sub.peek(1) != null && sub.peek(1).isSymbol("(")) {
            sub.next();
            return Optional.of(storageParameters(sub.parenthesized(), table));
        }
        for (Form f : FORMS) {
            if (sub.accept(f.words().toArray(String[]::new))) {
                Effect.Builder e = Effect.builder(StatementKind.ALTER_TABLE_OPTION).work(f.work());
                boolean concurrently = f.words().get(0).equals("detach") && sub.containsWord("concurrently");
                e.subject(table, concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : f.lock());
                if (f.words().size() > 1 && f.words().get(1).equals("partition")) attached(sub, e);
                if (concurrently) e.nonTransactional().finding(Findings.nonTransactional("DETACH PARTITION CONCURRENTLY"));
                if (f.work() == Work.REWRITE) e.finding(Findings.rewrite(table, String.join(" ", f.words()).toUpperCase(), null));
                if (f.breaksApp()) e.breaksApp().finding(Findings.breaksApp("SET SCHEMA moves " + table + " away from the name the running application uses", null));
                return Optional.of(e.build());
            }
        }
        return Optional.empty();
    }

    /** ATTACH PARTITION scans the partition under ACCESS EXCLUSIVE to check its bounds; DETACH locks it ACCESS EXCLUSIVE too. */
    private static void attached(SqlTokens sub, Effect.Builder e) {
        TableName partition = sub.tableName();
        if (partition != null) e.lock(partition, LockMode.ACCESS_EXCLUSIVE);
    }

    private static Effect storageParameters(String list, TableName table) {
        boolean light = list != null && java.util.Arrays.stream(list.split(","))
                .map(p -> p.split("=")[0].strip().toLowerCase())
                .allMatch(p -> LIGHT_PARAMETERS.contains(p) || p.startsWith("autovacuum_") || p.startsWith("toast."));
        return Effect.builder(StatementKind.ALTER_TABLE_OPTION)
                .subject(table, light ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE).build();
    }
}

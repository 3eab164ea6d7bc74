package dev.zdm.executor.step;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.Step;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * An undo removes only what the migration made. Before a phase first runs forward, the objects its
 * undo steps would remove are looked up in the catalog and noted in {@code zdm.preexisting_objects};
 * a retried phase keeps that first note, since by then the phase itself may have made them. On
 * rollback an undo step that removes something runs only when the note says the object did not exist
 * before; without a note, zdm cannot prove it made the object and leaves it.
 */
final class Preexisting {
    private static final String SNAPSHOT = "SNAPSHOT";
    private static final String RELATION = "SELECT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ";
    private static final String ON_TABLE = " JOIN pg_class c ON c.oid = %s JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = $1 AND c.relname = $2 AND ";

    private Preexisting() {
    }

    /** Notes, once per phase, which objects its undo steps would remove existed before it ran. */
    static Future<Void> note(StepContext ctx) {
        List<Removes> objects = ctx.phase().rollback().stream()
                .filter(s -> s instanceof Step.Sql sql && sql.removes() != null)
                .map(s -> ((Step.Sql) s).removes()).distinct().toList();
        if (objects.isEmpty()) return Future.succeededFuture();
        String migration = ctx.migrationId();
        String phase = ctx.phase().id();
        return ctx.pool().withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM zdm.preexisting_objects WHERE migration_id = $1 "
                        + "AND phase_id = $2 AND kind = $3").execute(Tuple.of(migration, phase, SNAPSHOT))
                .compose(rows -> {
                    if (rows.size() > 0) return Future.succeededFuture();
                    Future<Void> chain = Future.succeededFuture();
                    for (Removes r : objects) {
                        chain = chain.compose(v -> exists(conn, r)).compose(existed -> insert(conn, migration, phase, r, existed));
                    }
                    return chain.compose(v -> conn.preparedQuery("INSERT INTO zdm.preexisting_objects (migration_id, phase_id, kind, existed) "
                            + "VALUES ($1, $2, $3, true) ON CONFLICT DO NOTHING").execute(Tuple.of(migration, phase, SNAPSHOT)).mapEmpty());
                }));
    }

    /** True when {@code r} was noted as absent before its phase first ran: the migration made it. */
    static Future<Boolean> madeByMigration(StepContext ctx, Removes r) {
        return ctx.pool().preparedQuery("SELECT existed FROM zdm.preexisting_objects WHERE migration_id = $1 AND phase_id = $2 "
                        + "AND kind = $3 AND schema_name = $4 AND table_name = $5 AND object_name = $6")
                .execute(Tuple.of(ctx.migrationId(), ctx.phase().id(), r.kind().name(), r.table().schema(), r.table().name(), name(r)))
                .map(rows -> rows.size() > 0 && !rows.iterator().next().getBoolean(0));
    }

    private static Future<Void> insert(SqlClient conn, String migration, String phase, Removes r, boolean existed) {
        return conn.preparedQuery("INSERT INTO zdm.preexisting_objects (migration_id, phase_id, kind, schema_name, table_name, object_name, existed) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(migration, phase, r.kind().name(), r.table().schema(), r.table().name(), name(r), existed)).mapEmpty();
    }

    static Future<Boolean> exists(SqlClient conn, Removes r) {
        String sql = switch (r.kind()) {
            case TABLE -> RELATION + "('r', 'p', 'v', 'm', 'f'))";
            case INDEX -> RELATION + "('i', 'I'))";
            case COLUMN -> "SELECT EXISTS (SELECT FROM pg_attribute a" + ON_TABLE.formatted("a.attrelid")
                    + "a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped)";
            case CONSTRAINT -> "SELECT EXISTS (SELECT FROM pg_constraint k" + ON_TABLE.formatted("k.conrelid") + "k.conname = $3)";
            case TRIGGER -> "SELECT EXISTS (SELECT FROM pg_trigger g" + ON_TABLE.formatted("g.tgrelid") + "g.tgname = $3 AND NOT g.tgisinternal)";
        };
        Tuple args = r.name() == null ? Tuple.of(r.table().schema(), r.table().name()) : Tuple.of(r.table().schema(), r.table().name(), r.name());
        return conn.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static String name(Removes r) {
        return r.name() == null ? "" : r.name();
    }
}

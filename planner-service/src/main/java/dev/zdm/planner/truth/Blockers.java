package dev.zdm.planner.truth;

import dev.zdm.domain.sql.Identifiers;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session per table, each holding {@code SHARE UPDATE EXCLUSIVE} on its table in an open
 * transaction, so that a statement asking for any mode from SHARE UPDATE EXCLUSIVE up queues and
 * {@code pg_locks} shows what it asked for. Released one table at a time (the statement then moves on
 * to its next table) or all at once. Not thread-safe: used from one chain of futures.
 */
final class Blockers {
    private final Map<Long, SqlConnection> held = new LinkedHashMap<>();
    private final Set<Long> everBlocked = new HashSet<>();

    private Blockers() {
    }

    /** Blocks every one of {@code relations}; on failure the ones already blocked are released. */
    static Future<Blockers> hold(Pool pool, List<Relation> relations, String lockTimeout) {
        Blockers blockers = new Blockers();
        Future<Void> chain = Future.succeededFuture();
        for (Relation r : relations) {
            chain = chain.compose(v -> blockers.block(pool, r, lockTimeout));
        }
        return chain.map(v -> blockers).recover(e -> blockers.releaseAll().transform(released -> Future.failedFuture(e)));
    }

    private Future<Void> block(Pool pool, Relation r, String lockTimeout) {
        return pool.getConnection().compose(conn -> {
            held.put(r.oid(), conn);
            everBlocked.add(r.oid());
            return conn.query("BEGIN").execute()
                    .compose(begun -> conn.query("SET LOCAL lock_timeout = " + Identifiers.literal(lockTimeout)).execute())
                    .compose(set -> conn.query("LOCK TABLE ONLY " + Identifiers.qualified(r.schema(), r.name()) + " IN SHARE UPDATE EXCLUSIVE MODE")
                            .execute())
                    .mapEmpty();
        });
    }

    /** True when {@code oid} is or was blocked: a wait on it is the statement's own table lock. */
    boolean blocked(Long oid) {
        return everBlocked.contains(oid);
    }

    /** Releases the blocks on {@code oids} that are still held. */
    Future<Void> release(Set<Long> oids) {
        List<Future<?>> done = new ArrayList<>();
        for (Long oid : oids) {
            SqlConnection conn = held.remove(oid);
            if (conn != null) done.add(end(conn));
        }
        return Future.join(done).mapEmpty();
    }

    Future<Void> releaseAll() {
        return release(Set.copyOf(held.keySet()));
    }

    private static Future<?> end(SqlConnection conn) {
        return Cleanup.after(conn.query("ROLLBACK").execute(), conn::close);
    }
}

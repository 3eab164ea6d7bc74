package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Observes a statement that cannot run in a transaction block. {@link Blockers} hold SHARE UPDATE
 * EXCLUSIVE on the tables it touches; a runner session starts the statement, which queues on its
 * first table lock; an observer session polls {@code pg_locks} for the runner's pid, records every
 * relation lock it holds or awaits, and releases the block on each table the runner waits for, until
 * the statement ends. The statement runs for real, so the sandbox must be throwaway.
 *
 * <p>What the polls cannot see: a lock taken and released between two polls that waits for nobody
 * (a mode weaker than SHARE UPDATE EXCLUSIVE, or a later phase after the blocks are gone).
 */
final class TwoSessions {
    /** Pause between two reads of pg_locks: short against a statement's life on an empty table. */
    private static final String POLL_PAUSE = "SELECT pg_sleep(0.005)";

    private final TruthSettings settings;

    TwoSessions(TruthSettings settings) {
        this.settings = settings;
    }

    /** @param touches keys ({@link Sandbox#key}) of the sandbox's tables the statement touches; each gets a blocker session */
    Future<Observation> observe(Pool pool, Sandbox sandbox, String sql, Collection<String> touches) {
        return pool.getConnection().compose(observer -> Cleanup.after(
                Relations.inSandbox(observer, sandbox).compose(before -> {
                    List<Relation> blocked = before.values().stream().filter(r -> r.lockable() && touches.contains(r.key())).toList();
                    return Blockers.hold(pool, blocked, settings.lockTimeoutSql())
                            .compose(blockers -> Cleanup.after(run(pool, observer, sandbox, sql, before, blockers), blockers::releaseAll));
                }),
                observer::close));
    }

    private Future<Observation> run(Pool pool, SqlConnection observer, Sandbox sandbox, String sql, Map<Long, Relation> before, Blockers blockers) {
        return pool.getConnection().compose(runner -> Cleanup.after(
                runner.query("SELECT pg_backend_pid() AS pid").execute()
                        .map(rows -> rows.iterator().next().getInteger("pid"))
                        .compose(pid -> SessionSettings.forSession(runner, sandbox.searchPath(), settings.statementTimeoutSql(),
                                        settings.statementTimeoutSql())
                                .compose(set -> {
                                    Map<Long, LockMode> strongest = new HashMap<>();
                                    Future<?> running = runner.query(sql).execute();
                                    long deadline = System.nanoTime() + settings.statementTimeout().toNanos();
                                    return watch(observer, pid, running, before, blockers, strongest, deadline)
                                            .compose(watched -> blockers.releaseAll())
                                            .compose(released -> running.mapEmpty())
                                            .compose(ran -> Relations.filenodes(observer, before.keySet()))
                                            .map(after -> new Observation(PgLocks.byName(strongest, before), Relations.rewritten(before, after), Set.of(), false));
                                })),
                () -> SessionSettings.reset(runner).eventually(runner::close)));
    }

    /** Polls until the statement ends (or the deadline passes), releasing the block on each table it waits for. */
    private Future<Void> watch(SqlConnection observer, int pid, Future<?> running, Map<Long, Relation> before, Blockers blockers,
                               Map<Long, LockMode> strongest, long deadline) {
        if (running.isComplete()) return Future.succeededFuture();
        if (System.nanoTime() > deadline) return blockers.releaseAll();
        return PgLocks.ofBackend(observer, pid).compose(rows -> {
            PgLocks.fold(rows, before, strongest);
            Set<Long> waitingOnBlocked = new HashSet<>();
            boolean waitingElsewhere = false;
            for (HeldLock l : rows) {
                if (l.granted()) continue;
                if (l.relation() != null && blockers.blocked(l.relation())) waitingOnBlocked.add(l.relation());
                else waitingElsewhere = true;
            }
            Future<Void> release = waitingElsewhere ? blockers.releaseAll() : blockers.release(waitingOnBlocked);
            return release.compose(v -> observer.query(POLL_PAUSE).execute())
                    .compose(paused -> watch(observer, pid, running, before, blockers, strongest, deadline));
        });
    }
}

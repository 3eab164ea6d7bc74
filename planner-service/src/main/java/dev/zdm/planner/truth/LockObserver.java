package dev.zdm.planner.truth;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Errors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.Collection;
import java.util.Objects;

/**
 * Runs one statement in a {@link Sandbox} and reports what PostgreSQL did: the strongest table lock
 * its backend held (or queued for) on each table of the sandbox, from {@code pg_locks}, which
 * tables got a new {@code relfilenode}, and (in a transaction) which tables its sequential scans
 * read rows of. Relations are identified by OID, read before the statement,
 * so renames and SET SCHEMA do not lose them; they are reported by their name before the statement.
 *
 * <p>Failures are {@link ZdmException}s classified by SQLSTATE (the statement's own error included);
 * {@link #refusedInTransaction} tells the one that means "cannot run inside a transaction block".
 * Thread-safe and stateless; every call takes its own connections from the pool and gives them back
 * with search_path and timeouts reset.
 */
public final class LockObserver {
    /** SQLSTATE active_sql_transaction: the statement cannot run inside a transaction block. */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    private final TruthSettings settings;

    public LockObserver(TruthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LockObserver() {
        this(TruthSettings.DEFAULT);
    }

    /**
     * Runs {@code sql} in a transaction that is always rolled back, with {@code search_path} set to
     * the sandbox, {@code lock_timeout} and {@code statement_timeout} from the settings. Nothing it
     * does survives. Needs one connection.
     */
    public Future<Observation> inTransaction(Pool pool, Sandbox sandbox, String sql) {
        return new InTransaction(settings).observe(pool, sandbox, sql).recover(e -> failed(e, sandbox));
    }

    /**
     * Runs {@code sql} for real, outside any transaction block, while blocker sessions make it queue
     * on each of its table locks in turn (see the package description). Whatever it creates or
     * changes stays in the sandbox. Needs {@code touches.size() + 2} connections at once.
     *
     * @param touches keys ({@link Sandbox#key}) of the sandbox's tables the statement locks; each is held by a blocker
     */
    public Future<Observation> outsideTransaction(Pool pool, Sandbox sandbox, String sql, Collection<String> touches) {
        return new TwoSessions(settings).observe(pool, sandbox, sql, touches).recover(e -> failed(e, sandbox));
    }

    /**
     * {@link #inTransaction}, and when PostgreSQL refuses to run the statement in a transaction block,
     * {@link #outsideTransaction}: for sandboxes where running such a statement for real is fine.
     */
    public Future<Observation> observe(Pool pool, Sandbox sandbox, String sql, Collection<String> touches) {
        return inTransaction(pool, sandbox, sql)
                .recover(e -> refusedInTransaction(e) ? outsideTransaction(pool, sandbox, sql, touches) : Future.failedFuture(e));
    }

    /** True when {@code error} says the statement cannot run inside a transaction block. */
    public static boolean refusedInTransaction(Throwable error) {
        return error instanceof ZdmException z && ACTIVE_SQL_TRANSACTION.equals(z.sqlState());
    }

    private static <T> Future<T> failed(Throwable e, Sandbox sandbox) {
        return Future.failedFuture(Errors.classify(e, "sandbox " + sandbox));
    }
}

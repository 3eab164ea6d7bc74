package dev.zdm.planner.truth;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.domain.sql.TableName;
import dev.zdm.runtime.db.ReadOnly;
import dev.zdm.runtime.messaging.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code zdm plan --pg}'s check of the analyzer against PostgreSQL, in a scratch database, never in
 * the live one.
 *
 * <p>{@link #run} reads, in a {@code READ ONLY} transaction on the live database, the definitions of
 * the tables the analysis names and of what they depend on ({@link LiveSchema}); creates an empty
 * database {@code zdm_scratch_<epoch>_<random>} on the same server ({@link ScratchDatabase}) and
 * rebuilds them there under the same schema and names ({@link ScratchDdl}); observes each statement
 * in file order with the {@link LockObserver} and the live session's {@code search_path}: in a
 * transaction that is always rolled back, or, for {@code CREATE/DROP INDEX CONCURRENTLY},
 * {@code REINDEX CONCURRENTLY} and {@code VACUUM} of named tables, for real in the scratch database
 * from a second session. After its observation a schema change is committed there so the
 * statements after it see it. Finally the scratch database is dropped, whatever happened; one left by
 * a check that died is dropped by a later check ({@link TruthSettings#orphanAge}).
 *
 * <p>Isolation is by construction: a session connected to the scratch database cannot name an object
 * of another database, so no spelling of a name, {@code search_path}, role change or dynamic SQL
 * reaches the live tables. Statements run in a transaction that is always rolled back, so changes to
 * objects shared by the whole server (roles, database settings) are undone, and the forms PostgreSQL
 * refuses in a transaction block (DROP DATABASE, ALTER SYSTEM...) are not run at all, except the four
 * above. What stays possible is what a role may do outside SQL's name resolution: a superuser's
 * {@code COPY ... TO PROGRAM}, {@code pg_terminate_backend} of other sessions. Run {@code --pg} with
 * a role that has CREATEDB and no superuser.
 *
 * <p>A statement is reported {@link ShadowVerdict.NotChecked} with the reason, never guessed, when it
 * ends transactions, touches a view, materialized view, partitioned or foreign table (the copy holds
 * ordinary tables), acts on every table of the database, is of a form the analyzer does not know,
 * cannot run in a transaction block and is not one of the forms above, or fails in the scratch
 * database (an object that could not be copied, or an INSERT whose foreign key finds no row in the
 * empty copy). What the copy leaves out: data, row-level security, storage parameters, grants.
 *
 * <p>Needs {@code CREATEDB} on the server. Thread-safe; one call at a time per pool is plenty.
 */
public final class ShadowCheck {
    /** Connections to the scratch database: the keeper, a runner, an observer and blockers for a non-transactional statement. */
    private static final int SCRATCH_POOL_SIZE = 6;

    private final TruthSettings settings;
    private final LockObserver observer;
    private final Clock clock;

    public ShadowCheck(TruthSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = new LockObserver(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ShadowCheck() {
        this(TruthSettings.DEFAULT, Clock.systemUTC());
    }

    /**
     * Checks every statement of {@code analysis} on a scratch copy of the database behind {@code live}.
     *
     * @param live        a pool on the live database: read in read-only transactions, and used to create and
     *                    drop the scratch database on the same server
     * @param liveOptions how {@code live} connects; the scratch database is reached the same way
     * @return one verdict per statement, in the analysis' order; fails only when the live catalog cannot
     * be read (no scratch database makes every statement not checked, with why; a scratch database that
     * cannot be dropped fails the future with the drop's error)
     */
    public Future<ShadowReport> run(Vertx vertx, Pool live, PgConnectOptions liveOptions, MigrationAnalysis analysis) {
        Set<TableName> named = new TreeSet<>();
        analysis.statements().forEach(a -> named.addAll(a.tables()));
        List<String> notes = new ArrayList<>();
        return ReadOnly.read(live, conn -> LiveSchema.read(conn, named))
                .compose(schema -> ScratchDatabase.dropLeftOver(live, settings.orphanAge(), settings.staleAge(), clock.instant())
                        .map(dropped -> notes.addAll(dropped))
                        .compose(v -> ScratchDatabase.create(vertx, live, liveOptions, SCRATCH_POOL_SIZE, clock.instant()))
                        .transform(created -> created.succeeded()
                                ? Cleanup.after(checkIn(created.result(), schema, analysis, notes), () -> created.result().drop(live))
                                : Future.succeededFuture(notBuilt(analysis, created.cause(), notes))));
    }

    private Future<ShadowReport> checkIn(ScratchDatabase scratch, LiveSchema schema, MigrationAnalysis analysis, List<String> notes) {
        Set<String> schemas = new LinkedHashSet<>(List.of(TableName.DEFAULT_SCHEMA));
        schemas.addAll(schema.objects().schemas());
        Sandbox sandbox = new Sandbox(List.copyOf(schemas), schema.searchPath(), TableName.DEFAULT_SCHEMA);
        ShadowGuard guard = new ShadowGuard(schema.kinds());
        return scratch.fill(ScratchDdl.build(schema.objects()))
                .compose(copyNotes -> {
                    notes.addAll(copyNotes);
                    return checkAll(scratch, sandbox, guard, analysis.statements());
                })
                .map(verdicts -> new ShadowReport(scratch.name(), notes, verdicts));
    }

    private Future<List<ShadowVerdict>> checkAll(ScratchDatabase scratch, Sandbox sandbox, ShadowGuard guard, List<StatementAnalysis> statements) {
        List<ShadowVerdict> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (StatementAnalysis a : statements) {
            chain = chain.compose(v -> check(scratch, sandbox, guard, a).map(verdict -> {
                out.add(verdict);
                return null;
            }));
        }
        return chain.map(v -> List.copyOf(out));
    }

    private Future<ShadowVerdict> check(ScratchDatabase scratch, Sandbox sandbox, ShadowGuard guard, StatementAnalysis a) {
        var refusal = guard.refusal(a);
        if (refusal.isPresent()) return Future.succeededFuture(new ShadowVerdict.NotChecked(a.index(), a.sql(), refusal.get()));
        return observer.inTransaction(scratch.pool(), sandbox, a.sql())
                .compose(seen -> replay(scratch, sandbox, guard, a, seen))
                .recover(e -> {
                    if (!LockObserver.refusedInTransaction(e)) return failedOnShadow(a, e);
                    if (!guard.runsForReal(a)) {
                        return notChecked(a, "it cannot run in a transaction block, and in the scratch database zdm runs for real only "
                                + "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and VACUUM on named tables");
                    }
                    List<String> touches = a.tables().stream().map(TableName::toString).toList();
                    return observer.outsideTransaction(scratch.pool(), sandbox, a.sql(), touches)
                            .<ShadowVerdict>map(seen -> checked(a, seen, List.of()))
                            .recover(failed -> failedOnShadow(a, failed));
                });
    }

    private Future<ShadowVerdict> replay(ScratchDatabase scratch, Sandbox sandbox, ShadowGuard guard, StatementAnalysis a, Observation seen) {
        if (!guard.replays(a)) return Future.succeededFuture(checked(a, seen, List.of()));
        return scratch.apply(a.sql(), sandbox.searchPath(), settings).transform(applied -> Future.succeededFuture(applied.succeeded()
                ? checked(a, seen, List.of())
                : checked(a, seen, List.of("could not be kept in the scratch database for the statements after it: " + message(applied.cause())))));
    }

    private static ShadowVerdict checked(StatementAnalysis a, Observation seen, List<String> notes) {
        return new ShadowVerdict.Checked(a.index(), a.sql(), seen, Agreement.disagreements(a, seen), notes);
    }

    private static Future<ShadowVerdict> failedOnShadow(StatementAnalysis a, Throwable e) {
        return Future.succeededFuture(new ShadowVerdict.NotChecked(a.index(), a.sql(), "it failed in the scratch database: " + message(e), true));
    }

    private static Future<ShadowVerdict> notChecked(StatementAnalysis a, String reason) {
        return Future.succeededFuture(new ShadowVerdict.NotChecked(a.index(), a.sql(), reason));
    }

    private static ShadowReport notBuilt(MigrationAnalysis analysis, Throwable cause, List<String> notes) {
        String reason = "no scratch database could be created: " + message(cause)
                + ("42501".equals(Errors.classify(cause, null).sqlState()) ? "; the role needs CREATEDB" : "");
        List<String> all = new ArrayList<>(notes);
        all.add(reason);
        return new ShadowReport(null, all, analysis.statements().stream()
                .<ShadowVerdict>map(a -> new ShadowVerdict.NotChecked(a.index(), a.sql(), reason)).toList());
    }

    private static String message(Throwable e) {
        ZdmException z = Errors.classify(e, null);
        return z.getMessage() + (z.sqlState() == null ? "" : " (SQLSTATE " + z.sqlState() + ")");
    }
}

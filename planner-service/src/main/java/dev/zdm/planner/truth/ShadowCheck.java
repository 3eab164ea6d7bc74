package dev.zdm.planner.truth;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.catalog.TableName;
import dev.zdm.runtime.messaging.Errors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code zdm plan --pg}'s check of the analyzer against PostgreSQL, on a throwaway schema-only copy
 * of the tables a migration touches, never on the live tables.
 *
 * <p>{@link #run} copies the ordinary public tables the analysis names into a new schema
 * {@code zdm_shadow_<epoch>_<random>} ({@code CREATE TABLE ... (LIKE public.t INCLUDING ALL)} with
 * the live names of indexes and constraints, foreign keys between copied tables, and sequences of
 * its own; one short transaction, {@code ACCESS SHARE} on the live tables under lock_timeout). It then
 * observes each statement in file order with the {@link LockObserver} with {@code search_path} set to
 * the shadow alone: in a transaction that is rolled back, or, for {@code CREATE/DROP INDEX
 * CONCURRENTLY}, {@code REINDEX CONCURRENTLY} and {@code VACUUM}, for real on the shadow from a
 * second session. After its observation a schema change is committed on the shadow so the
 * statements after it see it. Finally the shadow is dropped, whatever happened; a shadow left by a
 * check that died is dropped by a later check once older than {@link TruthSettings#staleShadowAge}.
 *
 * <p>A statement is reported {@link ShadowVerdict.NotChecked} with the reason, never guessed, when
 * it uses a schema-qualified name or changes the search_path, touches a view, materialized view,
 * partitioned or foreign table (the shadow holds ordinary tables), may act outside a schema (roles,
 * settings, transactions, unknown forms), cannot run in a transaction block and is not one of the
 * forms above, or fails on the shadow (for example a trigger function that lives in {@code public},
 * or an INSERT whose foreign key finds no row in the empty copy).
 * What the shadow does not copy: triggers (their functions could write to live tables), row-level
 * security, storage parameters, data; so forms whose lock depends on these are answered for the
 * empty copy.
 *
 * <p>Needs {@code CREATE} on the database, and a pool that can lend {@code 2 +} (tables of a
 * non-transactional statement) connections at once. Thread-safe; one call at a time per pool is
 * plenty.
 */
public final class ShadowCheck {
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
     * Checks every statement of {@code analysis} on a shadow of the database behind {@code pool}.
     *
     * @return one verdict per statement, in the analysis' order; fails only when the database cannot
     * be read at all (a shadow that cannot be built makes every statement not checked, with why;
     * a shadow that cannot be dropped fails the future with the drop's error)
     */
    public Future<List<ShadowVerdict>> run(Pool pool, MigrationAnalysis analysis) {
        Set<String> names = new TreeSet<>();
        analysis.statements().forEach(a -> a.tables().stream().filter(t -> TableName.DEFAULT_SCHEMA.equals(t.schema()))
                .forEach(t -> names.add(t.name())));
        return guard(pool, names).compose(guard -> Shadow.dropStale(pool, settings, clock.instant())
                .recover(e -> Future.failedFuture(new ZdmException(ErrorCode.INTERNAL, "a stale shadow could not be dropped first: " + message(e))))
                .compose(v -> Shadow.create(pool, List.copyOf(names), settings, clock.instant()))
                .transform(built -> built.succeeded()
                        ? Cleanup.after(checkAll(pool, built.result(), guard, analysis.statements()), () -> built.result().drop(pool))
                        : Future.succeededFuture(notBuilt(analysis, built.cause()))));
    }

    private Future<ShadowGuard> guard(Pool pool, Set<String> tables) {
        Set<String> schemas = new HashSet<>();
        Map<String, Character> kinds = new HashMap<>();
        return pool.query("SELECT nspname FROM pg_namespace").execute()
                .compose(rows -> {
                    rows.forEach(r -> schemas.add(r.getString(0)));
                    return pool.preparedQuery("SELECT c.relname, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = 'public' AND c.relname = ANY($1)").execute(Tuple.of(tables.toArray(new String[0])));
                })
                .map(rows -> {
                    rows.forEach(r -> kinds.put(r.getString(0), r.getString(1).charAt(0)));
                    return new ShadowGuard(schemas, kinds);
                });
    }

    private Future<List<ShadowVerdict>> checkAll(Pool pool, Shadow shadow, ShadowGuard guard, List<StatementAnalysis> statements) {
        List<ShadowVerdict> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (StatementAnalysis a : statements) {
            chain = chain.compose(v -> check(pool, shadow, guard, a).map(verdict -> {
                out.add(verdict);
                return null;
            }));
        }
        return chain.map(v -> List.copyOf(out));
    }

    private Future<ShadowVerdict> check(Pool pool, Shadow shadow, ShadowGuard guard, StatementAnalysis a) {
        var refusal = guard.refusal(a);
        if (refusal.isPresent()) return Future.succeededFuture(new ShadowVerdict.NotChecked(a.index(), a.sql(), refusal.get()));
        return observer.inTransaction(pool, shadow.sandbox(), a.sql())
                .compose(seen -> replay(pool, shadow, guard, a, seen))
                .recover(e -> {
                    if (!LockObserver.refusedInTransaction(e)) return failedOnShadow(a, e);
                    if (!guard.runsForReal(a)) {
                        return notChecked(a, "it cannot run in a transaction block, and on the shadow zdm runs for real only "
                                + "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and VACUUM on named tables");
                    }
                    List<String> touches = a.tables().stream().map(TableName::name).toList();
                    return observer.outsideTransaction(pool, shadow.sandbox(), a.sql(), touches)
                            .<ShadowVerdict>map(seen -> checked(a, seen, List.of()))
                            .recover(failed -> failedOnShadow(a, failed));
                });
    }

    private Future<ShadowVerdict> replay(Pool pool, Shadow shadow, ShadowGuard guard, StatementAnalysis a, Observation seen) {
        if (!guard.replays(a)) return Future.succeededFuture(checked(a, seen, List.of()));
        return shadow.apply(pool, a.sql()).transform(applied -> Future.succeededFuture(applied.succeeded() ? checked(a, seen, List.of())
                : checked(a, seen, List.of("could not be kept on the shadow for the statements after it: " + message(applied.cause())))));
    }

    private static ShadowVerdict checked(StatementAnalysis a, Observation seen, List<String> notes) {
        return new ShadowVerdict.Checked(a.index(), a.sql(), seen, Agreement.disagreements(a, seen), notes);
    }

    private static Future<ShadowVerdict> failedOnShadow(StatementAnalysis a, Throwable e) {
        return notChecked(a, "it failed on the shadow: " + message(e));
    }

    private static Future<ShadowVerdict> notChecked(StatementAnalysis a, String reason) {
        return Future.succeededFuture(new ShadowVerdict.NotChecked(a.index(), a.sql(), reason));
    }

    private static List<ShadowVerdict> notBuilt(MigrationAnalysis analysis, Throwable cause) {
        String reason = "the shadow could not be built: " + message(cause);
        return analysis.statements().stream().<ShadowVerdict>map(a -> new ShadowVerdict.NotChecked(a.index(), a.sql(), reason)).toList();
    }

    private static String message(Throwable e) {
        ZdmException z = Errors.classify(e, null);
        return z.getMessage() + (z.sqlState() == null ? "" : " (SQLSTATE " + z.sqlState() + ")");
    }
}

/**
 * The analyzer's ground truth: what PostgreSQL itself does when a statement runs.
 *
 * <p>{@link dev.zdm.planner.truth.LockObserver} runs one statement in a {@link dev.zdm.planner.truth.Sandbox}
 * (a schema of throwaway tables) and reports the strongest table lock its backend held on each table
 * ({@code pg_locks}) and which tables got a new {@code relfilenode} (a rewrite). A statement that may
 * run in a transaction block runs in one that is always rolled back. One that may not ({@code CREATE
 * INDEX CONCURRENTLY}, {@code VACUUM}, ...) is observed from a second session: blocker sessions hold
 * {@code SHARE UPDATE EXCLUSIVE} on the tables so the statement queues on its real lock, which
 * {@code pg_locks} shows as requested ({@code granted = false}); that one runs for real, which is why
 * it needs a throwaway schema.
 *
 * <p>{@link dev.zdm.planner.truth.ShadowCheck} is {@code zdm plan --pg}'s check. It never runs a
 * statement in the live database: it reads the live catalog in a read-only transaction
 * ({@link dev.zdm.planner.truth.LiveSchema}), creates an empty scratch database on the same server
 * ({@link dev.zdm.planner.truth.ScratchDatabase}), rebuilds there the tables the migration names
 * under their live schemas and names ({@link dev.zdm.planner.truth.ScratchDdl}), observes every
 * statement there in order, compares each observation with the analyzer's verdict and drops the
 * scratch database. Isolation is by construction, not by reading the SQL: a session cannot name an
 * object of another database. The copy is committed, not kept inside one rolled-back transaction,
 * because the transaction that creates a table holds {@code ACCESS EXCLUSIVE} and {@code SHARE} on it
 * until it ends, which would hide exactly the locks being observed (and {@code TRUNCATE} of a table
 * created in the same transaction keeps its relfilenode).
 *
 * <p>{@code AnalyzerTruthIT} runs every row of the analyzer's {@code forms.tsv} through the observer
 * on a real PostgreSQL and asserts that the analyzer agrees on locks, rewrites and transaction
 * blocks everywhere, and on scans where the row counters can tell.
 */
package dev.zdm.planner.truth;

/**
 * Apply: turns captured changes into writes on the other shape of the data.
 *
 * <p>zdm never writes a captured value. A change only says <em>which key</em> moved; the applier then
 * recomputes the target from the source row's <em>current</em> values, in SQL, through the plan's
 * mapping. That makes every apply idempotent and order-insensitive (re-delivery after a crash, a
 * stream overlapping a copy or a backfill), means a stale value can never overwrite a newer one, and
 * means Debezium's placeholder for unchanged TOASTed values can never reach a target column.
 *
 * <ul>
 *   <li>Dual-write (one table, old column to new): {@code UPDATE t SET new = f(old) WHERE key = k AND
 *       new IS DISTINCT FROM f(old)}; the echo of zdm's own write changes no row, so no loop starts.</li>
 *   <li>Blue-green (two tables): upsert the key into green from blue's current row, or delete it from
 *       green when blue no longer has it.</li>
 * </ul>
 */
package dev.zdm.sync.apply;

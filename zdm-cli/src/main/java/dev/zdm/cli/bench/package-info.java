/**
 * {@code zdm bench}: measures what a migration costs the application running against the database.
 *
 * <p>{@code zdm bench backfill} fills a new column of every row of an N-row table five ways (no
 * migration, one {@code UPDATE}, a naive keyset loop, the strategy guide's {@code DO} loop, zdm's
 * executor backfill), each on a fresh copy of the table while a fixed-rate application workload runs
 * on its own connections. The workload is scheduled, not paced by completion: every transaction is
 * timed from when it was due, so a stall counts in full. The pure parts ({@code AppWindow},
 * {@code ResultTable}, {@code Targets})
 * turn transaction logs into the numbers; the rest drives the database. See {@code docs/bench-backfill.md}.
 */
package dev.zdm.cli.bench;

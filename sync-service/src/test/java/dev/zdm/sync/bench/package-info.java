/**
 * The sync benchmark ({@link dev.zdm.sync.bench.SyncBench}): what change capture costs the application
 * compared with no sync and with a trigger, the sync's lag at a steady write rate, and the write stall
 * of a blue-green switch. Lives with the tests because it starts the embedded PostgreSQL.
 */
package dev.zdm.sync.bench;

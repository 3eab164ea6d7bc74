/**
 * {@code zdm bench sync} ({@link dev.zdm.cli.bench.sync.SyncBench}): what change capture costs the
 * application compared with no sync and with a trigger, where the CPU goes, the sync's lag at a steady
 * write rate, and the write stall of a blue-green switch.
 */
package dev.zdm.cli.bench.sync;

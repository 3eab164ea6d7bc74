package dev.zdm.cli.bench;

/**
 * What the application saw during one migration window.
 *
 * @param tps        successful transactions completed inside the window, per second
 * @param failed     transactions scheduled inside the window that failed (any error, deadlocks and
 *                   serialization failures included)
 * @param p50Ms      median latency of the transactions scheduled inside the window, measured from
 *                   their scheduled start
 * @param p99Ms      99th percentile of the same
 * @param maxMs      the longest of the same
 * @param maxStallMs the longest time during which no application transaction completed
 */
record AppStats(double tps, long failed, double p50Ms, double p99Ms, double maxMs, double maxStallMs) {
}

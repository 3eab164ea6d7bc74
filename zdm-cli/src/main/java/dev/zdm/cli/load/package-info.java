/**
 * A synthetic application: a fixed-rate mix of point reads, updates and inserts on its own connections,
 * with its own latency histogram, so the demo and the benchmarks report what the application saw while
 * zdm migrated under it.
 */
package dev.zdm.cli.load;

/**
 * Load against the database zdm works on, for tests and benchmarks: {@link dev.zdm.infra.load.Workload}
 * (concurrent writers, paced or flat out, with latencies) and {@link dev.zdm.infra.load.Db} (one-line SQL).
 */
package dev.zdm.infra.load;

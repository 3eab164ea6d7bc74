/**
 * Probes: each one class that <em>collects</em> one kind of reading from a target PostgreSQL
 * database and decides nothing. Deciding is {@link dev.zdm.monitor.breaker}'s job.
 *
 * <ul>
 *   <li>{@link dev.zdm.monitor.probe.LockWaitProbe}: sessions waiting on a lock, how long, and
 *       who blocks them ({@code pg_blocking_pids}), with zdm's own sessions told apart from the
 *       application's by their {@code application_name} ({@link dev.zdm.monitor.probe.ZdmSessions}).</li>
 *   <li>{@link dev.zdm.monitor.probe.ReplicationLagProbe}: lag of every walsender
 *       ({@code pg_stat_replication}).</li>
 *   <li>{@link dev.zdm.monitor.probe.SlotRetentionProbe}: WAL retained by zdm's replication slots.</li>
 *   <li>{@link dev.zdm.monitor.probe.OldestTransactionProbe}: the oldest open transaction.</li>
 *   <li>{@link dev.zdm.monitor.probe.ConnectionSaturationProbe}: client connections against
 *       {@code max_connections}.</li>
 * </ul>
 *
 * <p>{@link dev.zdm.monitor.probe.TargetSampler} runs them all, one after the other on one client,
 * into one {@link dev.zdm.monitor.probe.Readings}; {@link dev.zdm.monitor.probe.ProbeMetrics}
 * turns readings into Micrometer gauges. Every probe returns a Vert.x {@code Future} and never
 * blocks; readings are immutable records, safe to share between threads.
 *
 * <p>Why sequential on one client: the probes then never see each other as open transactions or
 * lock waiters, and a monitor needs only one connection per target.
 */
package dev.zdm.monitor.probe;

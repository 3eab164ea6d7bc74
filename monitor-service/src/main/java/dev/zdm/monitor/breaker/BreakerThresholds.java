package dev.zdm.monitor.breaker;

/**
 * Where each reading turns a target unhealthy: a reading strictly above its threshold crosses it.
 * A threshold of 0 switches its check off.
 *
 * @param lockWaitMs          the longest lock wait of any session
 * @param replicaLagMs        the replay lag of any physical replica
 * @param replicaLagBytes     the WAL bytes any physical replica has not replayed
 * @param retainedWalBytes    the WAL any of zdm's replication slots retains
 * @param oldestTransactionMs the age of the oldest open application transaction
 * @param connectionUseRatio  client connections over {@code max_connections}, in 0..1
 */
public record BreakerThresholds(long lockWaitMs, long replicaLagMs, long replicaLagBytes, long retainedWalBytes,
                                long oldestTransactionMs, double connectionUseRatio) {
    private static final long MIB = 1024L * 1024L;

    /**
     * Defaults for an OLTP database: a 2 s lock wait is already visible to users; a replica 10 s or
     * 256 MiB behind serves stale reads; 1 GiB of retained WAL is a slot left behind; a 10 min
     * transaction holds back vacuum and would queue zdm's DDL; at 90 % of connections the next
     * spike fails logins.
     */
    public static final BreakerThresholds DEFAULT =
            new BreakerThresholds(2_000, 10_000, 256 * MIB, 1024 * MIB, 600_000, 0.9);

    public BreakerThresholds {
        new ConfigProblems("monitor.thresholds")
                .require(lockWaitMs >= 0, "lockWaitMs", "must not be negative", lockWaitMs)
                .require(replicaLagMs >= 0, "replicaLagMs", "must not be negative", replicaLagMs)
                .require(replicaLagBytes >= 0, "replicaLagBytes", "must not be negative", replicaLagBytes)
                .require(retainedWalBytes >= 0, "retainedWalBytes", "must not be negative", retainedWalBytes)
                .require(oldestTransactionMs >= 0, "oldestTransactionMs", "must not be negative", oldestTransactionMs)
                .require(connectionUseRatio >= 0 && connectionUseRatio <= 1, "connectionUseRatio",
                        "must be within 0..1", connectionUseRatio)
                .throwIfAny();
    }
}

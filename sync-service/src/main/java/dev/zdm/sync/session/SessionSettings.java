package dev.zdm.sync.session;

/**
 * The tuning of every session, from the service's configuration.
 *
 * @param statusIntervalMs     how often a marker is emitted (lag probe) and a status published
 * @param slotCreateTimeoutMs  how long slot creation may wait for open writing transactions
 * @param streamStartTimeoutMs how long START waits for the engine to stream
 * @param ddlLockTimeoutMs     lock_timeout of the sync's own DDL (replica identity, publication)
 * @param ddlAttempts          attempts of that DDL while its lock times out
 * @param drainTimeoutMs       how long DRAIN (and verify's re-checks) wait to catch up
 * @param applyMaxAttempts     attempts of one batch's apply on conflicts and lost connections
 * @param copyTargetBatchMs    target time of one initial-copy batch
 * @param copyMaxBatch         most rows in one initial-copy batch
 * @param verifyChunkRows      rows per verified key range
 * @param verifyAttempts       checks of a mismatching range (with a drain between) before it fails
 * @param switchLockTimeoutMs  lock_timeout of the switch's locks: bounds how long the switch may queue ahead of writers
 * @param switchDrainTimeoutMs how long the switch, holding its lock, waits for the sync to catch up
 * @param switchAttempts       switch attempts before SWITCH fails (retriable)
 * @param switchRetryDelayMs   pause between switch attempts
 * @param caughtUpLagMs        lag under which a status says caught up
 * @param outageWindowMs       how long the apply and the capture wait out an unreachable database before the sync fails
 */
public record SessionSettings(long statusIntervalMs, long slotCreateTimeoutMs, long streamStartTimeoutMs, long ddlLockTimeoutMs, int ddlAttempts,
                              long drainTimeoutMs, int applyMaxAttempts, long copyTargetBatchMs, int copyMaxBatch, int verifyChunkRows,
                              int verifyAttempts, long switchLockTimeoutMs, long switchDrainTimeoutMs, int switchAttempts, long switchRetryDelayMs,
                              long caughtUpLagMs, long outageWindowMs) {

    /** The defaults, as {@link dev.zdm.sync.SyncConfig} declares them. */
    public static SessionSettings defaults() {
        return new SessionSettings(1_000, 10_000, 60_000, 500, 20, 30_000, 10, 200, 20_000, 1_000, 5, 100, 1_000, 30, 1_000, 1_000,
                dev.zdm.domain.error.Backoff.DEFAULT_OUTAGE_WINDOW_MS);
    }
}

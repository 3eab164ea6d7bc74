package dev.zdm.executor;

import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import java.util.List;

/**
 * The executor's own configuration.
 *
 * @param ddlMaxAttempts     attempts of a DDL whose lock is not granted before the phase fails
 * @param retryFirstDelayMs  first backoff after a lock timeout; doubles per attempt, with jitter
 * @param retryMaxDelayMs    cap of that backoff
 * @param statementTimeoutMs statement_timeout of DDL steps that do not set one (0: none)
 * @param syncTimeoutMs      how long a sync, verify or switch step waits for the sync service
 * @param stuckAfterMs       a phase in flight and silent this long is reported stuck by {@code /health} (0: never)
 * @param heartbeatMs        how often running phases are checked for signs of life
 * @param leaseTtlMs         how long a phase's lease lives without renewal (renewed every third of it)
 */
public record ExecutorConfig(int ddlMaxAttempts, long retryFirstDelayMs, long retryMaxDelayMs, long statementTimeoutMs,
                             long syncTimeoutMs, String groupId, long stuckAfterMs, long heartbeatMs, long leaseTtlMs) {
    public static final Key<Integer> DDL_MAX_ATTEMPTS = Key.integer("executor.ddlMaxAttempts", 30, 1, 10_000,
            "attempts of a DDL whose lock is not granted (SQLSTATE 55P03) before its phase fails");
    public static final Key<Long> RETRY_FIRST_DELAY = Key.millis("executor.retryFirstDelayMs", 100, 1, 60_000,
            "first backoff after a lock timeout; doubles per attempt with jitter");
    public static final Key<Long> RETRY_MAX_DELAY = Key.millis("executor.retryMaxDelayMs", 5_000, 1, 600_000,
            "longest backoff between DDL attempts");
    public static final Key<Long> STATEMENT_TIMEOUT = Key.millis("executor.statementTimeoutMs", 0, 0, 86_400_000,
            "statement_timeout for DDL steps that do not set one; 0 means none");
    public static final Key<Long> SYNC_TIMEOUT = Key.millis("executor.syncTimeoutMs", 600_000, 1_000, 86_400_000,
            "how long a sync, verify or switch step waits for the sync service's answer");
    public static final Key<String> GROUP_ID = Key.string("executor.groupId", "zdm-executor", "consumer group of the executor instances");
    public static final Key<Long> STUCK_AFTER = Key.millis("executor.stuckAfterMs", 1_800_000, 0, 86_400_000,
            "a phase in flight this long with no sign of life (progress, an active statement, a pause, a running backfill) "
                    + "is reported stuck by /health; 0 never reports one");
    public static final Key<Long> HEARTBEAT = Key.millis("executor.heartbeatMs", 30_000, 100, 3_600_000,
            "how often running phases are checked for signs of life (and long statements report how long they have run)");
    public static final Key<Long> LEASE_TTL = Key.millis("executor.leaseTtlMs", 6_000, 300, 600_000,
            "how long the lease of a running phase lives without renewal (renewed every third of it): one executor runs a phase, "
                    + "and a dead executor's phase is taken over once its lease expired (plus planner.redispatchAfterMs)");
    public static final List<Key<?>> KEYS = List.of(DDL_MAX_ATTEMPTS, RETRY_FIRST_DELAY, RETRY_MAX_DELAY, STATEMENT_TIMEOUT, SYNC_TIMEOUT, GROUP_ID,
            STUCK_AFTER, HEARTBEAT, LEASE_TTL);

    public static ExecutorConfig read(ConfigReader reader) {
        return new ExecutorConfig(reader.get(DDL_MAX_ATTEMPTS), reader.get(RETRY_FIRST_DELAY), reader.get(RETRY_MAX_DELAY),
                reader.get(STATEMENT_TIMEOUT), reader.get(SYNC_TIMEOUT), reader.get(GROUP_ID), reader.get(STUCK_AFTER), reader.get(HEARTBEAT),
                reader.get(LEASE_TTL));
    }
}

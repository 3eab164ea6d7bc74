package dev.zdm.planner.truth;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the truth check.
 *
 * @param lockTimeout      how long a copy or a statement in a transaction may wait for a lock. The
 *                         sandbox's tables are nobody else's, so a wait means another session holds a
 *                         lock on a live object (LIKE's ACCESS SHARE queued behind a DDL): give up
 *                         rather than sit in the live table's lock queue. 1 s by default.
 * @param statementTimeout how long one statement may run. The shadow's tables are empty, so anything
 *                         longer is waiting on something else (CREATE INDEX CONCURRENTLY waits for
 *                         older transactions of the whole database). 10 s by default.
 * @param staleShadowAge   shadow schemas older than this, left by a check that died, are dropped by
 *                         the next check. Checks take seconds; 1 h by default.
 */
public record TruthSettings(Duration lockTimeout, Duration statementTimeout, Duration staleShadowAge) {
    public static final TruthSettings DEFAULT = new TruthSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1));

    public TruthSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(staleShadowAge, "staleShadowAge");
        if (lockTimeout.isNegative() || lockTimeout.isZero()) throw new IllegalArgumentException("lockTimeout must be positive");
        if (statementTimeout.compareTo(lockTimeout) < 0) throw new IllegalArgumentException("statementTimeout must be at least lockTimeout");
    }

    String lockTimeoutSql() {
        return lockTimeout.toMillis() + "ms";
    }

    String statementTimeoutSql() {
        return statementTimeout.toMillis() + "ms";
    }
}

package dev.zdm.planner.truth;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the truth check.
 *
 * @param lockTimeout      how long a statement in a transaction may wait for a lock. The sandbox's
 *                         tables are nobody else's, so a wait means something else holds them: give up.
 *                         1 s by default.
 * @param statementTimeout how long one statement may run. The scratch tables are empty, so anything
 *                         longer is waiting on something else (CREATE INDEX CONCURRENTLY waits for
 *                         older transactions of the whole server). 10 s by default.
 * @param orphanAge        a scratch database with no session connected that is older than this was left
 *                         by a check that died, and the next check drops it. Longer than the moment
 *                         between creating a scratch database and connecting to it; 1 min by default.
 * @param staleAge         a scratch database older than this is dropped by the next check even with
 *                         sessions connected (a check that hangs). Checks take seconds; 1 h by default.
 */
public record TruthSettings(Duration lockTimeout, Duration statementTimeout, Duration orphanAge, Duration staleAge) {
    public static final TruthSettings DEFAULT = new TruthSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofHours(1));

    public TruthSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(orphanAge, "orphanAge");
        Objects.requireNonNull(staleAge, "staleAge");
        if (lockTimeout.isNegative() || lockTimeout.isZero()) throw new IllegalArgumentException("lockTimeout must be positive");
        if (statementTimeout.compareTo(lockTimeout) < 0) throw new IllegalArgumentException("statementTimeout must be at least lockTimeout");
        if (staleAge.compareTo(orphanAge) < 0) throw new IllegalArgumentException("staleAge must be at least orphanAge");
    }

    String lockTimeoutSql() {
        return lockTimeout.toMillis() + "ms";
    }

    String statementTimeoutSql() {
        return statementTimeout.toMillis() + "ms";
    }
}

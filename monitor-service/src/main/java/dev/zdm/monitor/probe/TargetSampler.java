package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Samples every probe against one target database into one {@link Readings}, running the probes
 * one after the other on one connection of the pool, so a sample needs one connection and the probes never
 * observe each other.
 *
 * <p>Threading: {@link #sample()} never blocks and may be called from any thread (typically a
 * Vert.x periodic timer); overlapping calls are independent. The instance holds no mutable state.
 * A failed probe fails the whole sample with that probe's exception: the caller decides what a
 * target that cannot be read means (see {@code Decision.probeFailed}).
 */
public final class TargetSampler {
    private final String target;
    private final Pool pool;
    private final Clock clock;
    private final LockWaitProbe locks = new LockWaitProbe();
    private final ReplicationLagProbe replication = new ReplicationLagProbe();
    private final SlotRetentionProbe slots = new SlotRetentionProbe();
    private final OldestTransactionProbe oldestTransaction = new OldestTransactionProbe();
    private final ConnectionSaturationProbe connections = new ConnectionSaturationProbe();

    /**
     * @param target the target's configured name, used as the {@code target} tag and breaker name
     * @param pool   a pool of connections to the target (one connection is enough); its connections should set an
     *               {@code application_name} starting with {@value ZdmSessions#APPLICATION_NAME_PREFIX}
     * @param clock  stamps {@link Readings#at()}
     */
    public TargetSampler(String target, Pool pool, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String target() {
        return target;
    }

    /** One sample of every probe, on one connection of the pool; fails when any probe fails. */
    public Future<Readings> sample() {
        Instant at = clock.instant();
        return pool.withConnection(conn -> Future.succeededFuture(Readings.quiet(target, at))
                .compose(r -> locks.sample(conn).map(r::withLocks))
                .compose(r -> replication.sample(conn).map(r::withReplication))
                .compose(r -> slots.sample(conn).map(r::withSlots))
                .compose(r -> oldestTransaction.sample(conn).map(r::withOldestTransaction))
                .compose(r -> connections.sample(conn).map(r::withConnections)));
    }
}

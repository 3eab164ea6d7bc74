package dev.zdm.monitor.breaker;

import dev.zdm.monitor.probe.LockWait;
import dev.zdm.monitor.probe.Session;

import java.util.Objects;
import java.util.Optional;

/**
 * One of zdm's own sessions that an application session waits behind: the only kind of session
 * the monitor may cancel. It cannot be made from an application session: the only factory is
 * {@link Guard}'s, which refuses any blocker whose {@code application_name} is not zdm's and any
 * waiter that is zdm's own; {@link ZdmCanceller} checks the live session again before cancelling.
 *
 * <p>Immutable; safe to share.
 */
public final class ZdmBlocker {
    private final Session blocker;
    private final Session waiter;
    private final long waitMs;

    private ZdmBlocker(Session blocker, Session waiter, long waitMs) {
        this.blocker = blocker;
        this.waiter = waiter;
        this.waitMs = waitMs;
    }

    /** Empty unless {@code blocker} is zdm's, the waiter is the application's, and it blocks that waiter. */
    static Optional<ZdmBlocker> of(Session blocker, LockWait wait) {
        boolean blocks = wait.blockers().contains(blocker);
        if (!blocker.zdm() || wait.waiter().zdm() || !blocks) {
            return Optional.empty();
        }
        return Optional.of(new ZdmBlocker(blocker, wait.waiter(), wait.waitMs()));
    }

    /** The zdm session's pid. */
    public int pid() {
        return blocker.pid();
    }

    /** The zdm session, as sampled. */
    public Session session() {
        return blocker;
    }

    /** The application session that waits behind it (the longest-waiting one, if several). */
    public Session waiter() {
        return waiter;
    }

    /** How long that application session has waited, in milliseconds. */
    public long waitMs() {
        return waitMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZdmBlocker other && blocker.equals(other.blocker) && waiter.equals(other.waiter)
                && waitMs == other.waitMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(blocker, waiter, waitMs);
    }

    @Override
    public String toString() {
        return "ZdmBlocker[pid " + blocker.pid() + " ('" + blocker.applicationName() + "') blocks pid "
                + waiter.pid() + " ('" + waiter.applicationName() + "') for " + waitMs + " ms]";
    }
}

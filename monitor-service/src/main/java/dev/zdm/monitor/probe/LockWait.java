package dev.zdm.monitor.probe;

import java.util.List;

/**
 * One session waiting for a lock, and the sessions it waits behind.
 *
 * @param waiter    the waiting session
 * @param waitMs    how long its current statement has been running, which bounds the wait from above
 * @param waitEvent the lock kind it waits for ({@code relation}, {@code transactionid}, {@code tuple}...)
 * @param blockers  the sessions {@code pg_blocking_pids} named, possibly empty when the blocker
 *                  finished between the two reads; never null
 */
public record LockWait(Session waiter, long waitMs, String waitEvent, List<Session> blockers) {

    public LockWait {
        blockers = List.copyOf(blockers);
        waitEvent = waitEvent == null ? "" : waitEvent;
    }

    /** True when at least one blocker is a zdm session. */
    public boolean blockedByZdm() {
        return blockers.stream().anyMatch(Session::zdm);
    }
}

package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;

/**
 * One row of {@code pg_locks} of the observed backend.
 *
 * @param relation the locked relation's OID, or null for other lock types (virtualxid, transactionid, ...)
 * @param mode     the mode
 * @param granted  false while the backend waits for it
 */
record HeldLock(Long relation, LockMode mode, boolean granted) {
}

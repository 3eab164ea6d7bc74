package dev.zdm.sync.session;

/**
 * The {@code state} of a {@code SyncStatus}. A session's own life goes STARTING, (COPYING,) STREAMING,
 * and ends STOPPED or FAILED; the other states answer one command each.
 */
public enum SyncState {
    /** Preparing: replica identity, publication, slot, engine start. */
    STARTING,
    /** Blue-green: capture streams and the initial copy runs. */
    COPYING,
    /** Capture streams and applies; the answer to START (after the copy, for blue-green). */
    STREAMING,
    /** The answer to DRAIN: every change committed before the command was applied. */
    CAUGHT_UP,
    /** The answer to REVERSE: changes now flow from the new shape to the old. */
    REVERSED,
    /** The answer to VERIFY: counts and checksums of every key range matched. */
    VERIFIED,
    /** The answer to SWITCH: green renamed to blue, and changes now flow back to the retired table. */
    SWITCHED,
    /** The answer to STOP: engine stopped, slot and publication dropped, replica identity restored. */
    STOPPED,
    /** A command failed (the report carries the error); when the session itself failed it was cleaned up as by STOP. */
    FAILED
}

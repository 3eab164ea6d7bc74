package dev.zdm.monitor.breaker;

/**
 * Guarding the application from zdm itself.
 *
 * @param zdmBlockerWaitMs  an application session waiting behind a zdm session for longer than
 *                          this makes the decision say {@code zdmIsBlocker}
 * @param cancelZdmBlockers when true, the guard also names those zdm sessions to cancel
 *                          ({@code pg_cancel_backend}); the application's sessions are never named
 */
public record GuardConfig(long zdmBlockerWaitMs, boolean cancelZdmBlockers) {
    /** One second: zdm's DDL runs with a short lock_timeout, so a longer wait means it is stuck. */
    public static final GuardConfig DEFAULT = new GuardConfig(1_000, false);

    public GuardConfig {
        new ConfigProblems("monitor.guard")
                .require(zdmBlockerWaitMs >= 0, "zdmBlockerWaitMs", "must not be negative", zdmBlockerWaitMs)
                .throwIfAny();
    }
}

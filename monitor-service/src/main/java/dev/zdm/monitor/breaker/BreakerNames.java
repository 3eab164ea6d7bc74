package dev.zdm.monitor.breaker;

/**
 * The names of zdm's breakers: one per target database, and {@value #MIGRATION_EXECUTOR}, the
 * strategy guide's breaker that the executor checks before each step, driven by the worst target.
 */
public final class BreakerNames {
    /** The guide's breaker name; its {@code target} column is {@link #ALL_TARGETS}. */
    public static final String MIGRATION_EXECUTOR = "migration_executor";
    /** The {@code target} of a breaker that guards every target. */
    public static final String ALL_TARGETS = "*";
    private static final String TARGET_PREFIX = "target:";

    private BreakerNames() {
    }

    /** {@code target:<name>}, the breaker of one target database. */
    public static String target(String targetName) {
        return TARGET_PREFIX + targetName;
    }
}

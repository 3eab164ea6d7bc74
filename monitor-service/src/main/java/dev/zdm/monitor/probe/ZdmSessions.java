package dev.zdm.monitor.probe;

/**
 * How the monitor tells zdm's own database sessions from the application's: every zdm service
 * connects with an {@code application_name} starting with {@value #APPLICATION_NAME_PREFIX}
 * (for example {@code zdm-executor}). Anything else is the application's.
 */
public final class ZdmSessions {
    /** The prefix of every zdm connection's {@code application_name}. */
    public static final String APPLICATION_NAME_PREFIX = "zdm-";

    private ZdmSessions() {
    }

    /** True when a session with this {@code application_name} (null allowed) belongs to zdm. */
    public static boolean isZdm(String applicationName) {
        return applicationName != null && applicationName.startsWith(APPLICATION_NAME_PREFIX);
    }
}

package dev.zdm.monitor.probe;

import java.util.Objects;

/**
 * A database backend as {@code pg_stat_activity} showed it when sampled.
 *
 * @param pid             the backend process id
 * @param applicationName its {@code application_name}, empty when unset (never null)
 * @param query           its current or last statement, truncated, empty when not visible (never null)
 */
public record Session(int pid, String applicationName, String query) {

    public Session {
        applicationName = Objects.requireNonNullElse(applicationName, "");
        query = Objects.requireNonNullElse(query, "");
    }

    /** True when this is one of zdm's own sessions (see {@link ZdmSessions}). */
    public boolean zdm() {
        return ZdmSessions.isZdm(applicationName);
    }
}

package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.Session;

/** How checks name a session in a reason. */
final class Sessions {
    private static final int QUERY_CHARS = 120;

    private Sessions() {
    }

    /** {@code pid 42 ('app')}, plus what it runs when {@code withQuery}. */
    static String describe(Session session, boolean withQuery) {
        String text = "pid " + session.pid() + " ('" + session.applicationName() + "')";
        if (!withQuery || session.query().isBlank()) {
            return text;
        }
        String query = session.query().strip().replaceAll("\\s+", " ");
        return text + " running '" + (query.length() > QUERY_CHARS ? query.substring(0, QUERY_CHARS) + "..." : query) + "'";
    }
}

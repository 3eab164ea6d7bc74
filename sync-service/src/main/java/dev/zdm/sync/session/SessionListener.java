package dev.zdm.sync.session;

/** Hears what sessions do: state changes (to publish as {@code SyncStatus}) and progress of copies and verifies. */
public interface SessionListener {
    /** A session changed state, or a command was answered. */
    void report(SyncReport report);

    /** Rows done of a copy or a verify; {@code rowsTotal} is null when unknown. */
    void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal);

    /** The session is gone (stopped or failed and cleaned up). */
    default void ended(String migrationId) {
    }

    /** A listener that ignores everything (tests, benchmarks). */
    SessionListener NONE = new SessionListener() {
        @Override
        public void report(SyncReport report) {
        }

        @Override
        public void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
        }
    };
}

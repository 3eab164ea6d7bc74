package dev.zdm.runtime.messaging;

import dev.zdm.events.ProgressEvent;
import java.time.Instant;

/** Starts a {@link ProgressEvent} with what every progress event carries. */
public final class Progress {
    private Progress() {
    }

    /** A builder with migration, state, message, source and time set; add phase and row figures as known. */
    public static ProgressEvent.Builder of(String migrationId, String state, String message, String source) {
        return ProgressEvent.newBuilder().setMigrationId(migrationId).setState(state).setMessage(message)
                .setSource(source).setAt(Instant.now());
    }
}

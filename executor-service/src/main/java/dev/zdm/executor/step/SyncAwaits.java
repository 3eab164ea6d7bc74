package dev.zdm.executor.step;

import dev.zdm.events.SyncStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for the sync service's answer to a command: the next {@link SyncStatus} of a migration's phase
 * in one of the states the command ends with (or {@code FAILED}). Fed by the executor's consumer of
 * the sync-status topic. Thread-safe.
 */
public final class SyncAwaits {
    private record Key(String migrationId, String phaseId) {
    }

    private record Waiter(Set<String> states, Promise<SyncStatus> promise) {
    }

    private final Map<Key, Waiter> waiting = new ConcurrentHashMap<>();

    /** Registers before the command is sent, so an answer cannot slip past. */
    public Future<SyncStatus> expect(String migrationId, String phaseId, Set<String> states) {
        Promise<SyncStatus> promise = Promise.promise();
        Waiter previous = waiting.put(new Key(migrationId, phaseId), new Waiter(states, promise));
        if (previous != null) previous.promise().tryFail("superseded by a newer command for the same phase");
        return promise.future();
    }

    /** Completes the matching waiter, if any. */
    public void offer(SyncStatus status) {
        Key key = new Key(status.getMigrationId(), status.getPhaseId());
        Waiter w = waiting.get(key);
        if (w == null) return;
        if (w.states().contains(status.getState()) || status.getState().equals("FAILED")) {
            if (waiting.remove(key, w)) w.promise().tryComplete(status);
        }
    }

    public void cancel(String migrationId, String phaseId, String reason) {
        Waiter w = waiting.remove(new Key(migrationId, phaseId));
        if (w != null) w.promise().tryFail(reason);
    }
}

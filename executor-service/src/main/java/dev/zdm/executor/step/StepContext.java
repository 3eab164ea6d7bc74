package dev.zdm.executor.step;

import dev.zdm.domain.plan.Phase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a step runner needs about the phase it runs in. The control handle is shared with the
 * executor's control consumer, which pauses or cancels it.
 *
 * @param direction {@code FORWARD} or {@code ROLLBACK}
 * @param progress  receives one-line progress messages (state, message, throttle reason or null)
 */
public record StepContext(Vertx vertx, Pool pool, String migrationId, String target, Phase phase, String direction,
                          Map<String, String> options, PhaseControl control, Consumer<StepProgress> progress) {

    /** A progress report from a runner. */
    public record StepProgress(String state, String message, String throttleReason, long rowsDone, Long rowsTotal,
                               double rowsPerSecond, int batchSize, Long etaMs) {
        public static StepProgress of(String state, String message) {
            return new StepProgress(state, message, null, 0, null, 0, 0, null);
        }

        public static StepProgress throttled(String message, String reason) {
            return new StepProgress("THROTTLED", message, reason, 0, null, 0, 0, null);
        }
    }
}

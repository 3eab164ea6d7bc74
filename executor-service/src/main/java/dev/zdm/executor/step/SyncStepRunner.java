package dev.zdm.executor.step;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Step;
import dev.zdm.events.SyncCommand;
import dev.zdm.events.SyncStatus;
import dev.zdm.runtime.kafka.EventPublisher;
import io.vertx.core.Future;
import dev.zdm.runtime.messaging.StepMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out Sync, Verify and Switch steps by commanding the sync service and waiting for its answer:
 * START answers STREAMING (the slot exists, so a backfill after it misses nothing), DRAIN answers
 * CAUGHT_UP, VERIFY answers VERIFIED, SWITCH answers SWITCHED, REVERSE answers REVERSED, STOP answers
 * STOPPED; any of them may answer FAILED with an error, which fails the step. Commands are idempotent
 * on the sync side, so a re-delivered step simply asks again.
 */
public final class SyncStepRunner {
    private final EventPublisher publisher;
    private final String topic;
    private final SyncAwaits awaits;
    private final long timeoutMs;

    public SyncStepRunner(EventPublisher publisher, String syncCommandsTopic, SyncAwaits awaits, long timeoutMs) {
        this.publisher = publisher;
        this.topic = syncCommandsTopic;
        this.awaits = awaits;
        this.timeoutMs = timeoutMs;
    }

    public Future<Long> run(StepContext ctx, Step step) {
        SyncCommand.Builder command = SyncCommand.newBuilder().setMigrationId(ctx.migrationId()).setTarget(ctx.target())
                .setPhaseId(ctx.phase().id()).setIssuedAt(Instant.now());
        Set<String> answers;
        if (step instanceof Step.Sync s) {
            command.setAction(s.action().name()).setMode(s.mode().name()).setSourceRelation(StepMapper.toEvent(s.sourceTable())).setTargetRelation(StepMapper.toEvent(s.targetTable()))
                    .setKeyColumns(s.keyColumns()).setMapping(s.mapping()).setReverseMapping(s.reverseMapping());
            answers = Set.of(switch (s.action()) {
                case START -> "STREAMING";
                case REVERSE -> "REVERSED";
                case DRAIN -> "CAUGHT_UP";
                case STOP -> "STOPPED";
            });
        } else if (step instanceof Step.Verify v) {
            // one table on both sides is a dual-write (old column against new); two tables a blue-green
            String mode = v.sourceTable().equals(v.targetTable()) ? "DUAL_WRITE" : "BLUE_GREEN";
            command.setAction("VERIFY").setMode(mode).setSourceRelation(StepMapper.toEvent(v.sourceTable())).setTargetRelation(StepMapper.toEvent(v.targetTable()))
                    .setKeyColumns(v.keyColumns()).setMapping(v.mapping());
            answers = Set.of("VERIFIED");
        } else if (step instanceof Step.Switch w) {
            command.setAction("SWITCH").setMode("BLUE_GREEN").setSourceRelation(StepMapper.toEvent(w.blueTable())).setTargetRelation(StepMapper.toEvent(w.greenTable()))
                    .setKeyColumns(List.of()).setMapping(Map.of("retiredName", w.retiredName()));
            answers = Set.of("SWITCHED");
        } else {
            return Future.failedFuture(new IllegalArgumentException("not a sync step: " + step.id()));
        }
        SyncCommand built = command.build();
        Future<SyncStatus> answer = awaits.expect(ctx.migrationId(), ctx.phase().id(), answers);
        ctx.progress().accept(StepContext.StepProgress.of("RUNNING", "sync " + built.getAction().toLowerCase() + " "
                + describe(step) + ": waiting for the sync service"));
        return publisher.publish(topic, ctx.migrationId(), built)
                .compose(sent -> answer.timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS))
                .recover(e -> Future.failedFuture(e instanceof ZdmException ? e : new ZdmException(ErrorCode.CONNECTION_LOST,
                        "no answer from the sync service to " + built.getAction() + " within " + timeoutMs + " ms: " + e.getMessage(), step.id())))
                .compose(status -> status.getState().equals("FAILED")
                        ? Future.failedFuture(new ZdmException(ErrorCode.SQL_ERROR, "sync service: " + (status.getError() == null ? "failed"
                        : status.getError().getCode() + ": " + status.getError().getMessage()), step.id()))
                        : StepRuns.record(ctx.pool(), ctx.migrationId(), step.id(), ctx.direction(), status.getChangesApplied(),
                        built.getAction() + " " + status.getState()).map(status.getChangesApplied()));
    }

    private static String describe(Step step) {
        if (step instanceof Step.Switch w) return w.blueTable() + " -> " + w.retiredName() + ", " + w.greenTable() + " -> " + w.blueTable().name();
        if (step instanceof Step.Verify v) return v.sourceTable() + " = " + v.targetTable();
        Step.Sync s = (Step.Sync) step;
        return s.sourceTable() + " -> " + s.targetTable();
    }
}

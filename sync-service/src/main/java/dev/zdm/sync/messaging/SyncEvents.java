package dev.zdm.sync.messaging;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.events.ProgressEvent;
import dev.zdm.events.SyncCommand;
import dev.zdm.events.SyncStatus;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.messaging.Progress;
import dev.zdm.runtime.messaging.StepMapper;
import dev.zdm.sync.session.SyncReport;
import dev.zdm.sync.session.SyncRequest;
import dev.zdm.sync.session.SyncSpec;
import java.time.Instant;

/** Avro at the edge: {@code SyncCommand} to {@link SyncRequest}, {@link SyncReport} to {@code SyncStatus} and {@code ProgressEvent}. */
public final class SyncEvents {
    /** Until {@code SyncCommand} has a field of its own, a SWITCH may carry the retired table's name in its mapping under this key. */
    public static final String RETIRED_NAME_KEY = "retiredName";
    static final String SOURCE = "sync";

    private SyncEvents() {
    }

    /** The request a command asks for; {@code INVALID_REQUEST} (not retriable) when the command is malformed. */
    public static SyncRequest toRequest(SyncCommand c) {
        String id = c.getMigrationId();
        String target = c.getTarget();
        String phase = c.getPhaseId();
        String action = c.getAction() == null ? "" : c.getAction().trim().toUpperCase();
        return switch (action) {
            case "START" -> new SyncRequest.Start(phase, new SyncSpec(id, target, mode(c), source(c), target(c),
                    c.getKeyColumns(), c.getMapping(), c.getReverseMapping()));
            case "REVERSE" -> new SyncRequest.Reverse(id, target, phase);
            case "DRAIN" -> new SyncRequest.Drain(id, target, phase);
            case "VERIFY" -> new SyncRequest.Verify(id, target, phase, source(c), target(c), c.getKeyColumns(), c.getMapping());
            case "SWITCH" -> new SyncRequest.Switch(id, target, phase, source(c), target(c), c.getMapping().get(RETIRED_NAME_KEY));
            case "STOP" -> new SyncRequest.Stop(id, target, phase);
            default -> throw new ZdmException(ErrorCode.INVALID_REQUEST, "SyncCommand action '" + c.getAction()
                    + "' is none of START, REVERSE, DRAIN, VERIFY, SWITCH, STOP", id);
        };
    }

    private static TableName source(SyncCommand c) {
        return relation(c, StepMapper.fromEvent(c.getSourceRelation()), "sourceRelation");
    }

    private static TableName target(SyncCommand c) {
        return relation(c, StepMapper.fromEvent(c.getTargetRelation()), "targetRelation");
    }

    private static TableName relation(SyncCommand c, TableName name, String field) {
        if (name != null) return name;
        throw new ZdmException(ErrorCode.INVALID_REQUEST, "SyncCommand " + c.getAction() + " of " + c.getMigrationId() + " lacks " + field
                + " (an earlier zdm named tables as text, which is ambiguous); re-plan the migration", c.getMigrationId());
    }

    private static SyncMode mode(SyncCommand c) {
        try {
            return SyncMode.valueOf(c.getMode().trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "SyncCommand mode '" + c.getMode() + "' is neither DUAL_WRITE nor BLUE_GREEN",
                    c.getMigrationId());
        }
    }

    public static SyncStatus toStatus(SyncReport r) {
        return SyncStatus.newBuilder().setMigrationId(r.migrationId()).setPhaseId(r.phaseId() == null ? "" : r.phaseId())
                .setState(r.state().name()).setSlotName(r.slotName()).setLagMs(r.lagMs()).setLagBytes(r.lagBytes())
                .setRetainedWalBytes(r.retainedWalBytes()).setChangesApplied(r.changesApplied()).setCaughtUp(r.caughtUp())
                .setError(r.error() == null ? null : Errors.toEvent(r.error())).setAt(Instant.ofEpochMilli(r.atMs())).build();
    }

    /** A progress line for a sync's state change. */
    public static ProgressEvent toProgress(SyncReport r) {
        String message = "sync " + r.state() + (r.slotName() == null ? "" : " (" + r.slotName() + ", lag " + r.lagMs() + " ms, "
                + r.changesApplied() + " changes applied)") + (r.error() == null ? "" : ": " + r.error());
        return Progress.of(r.migrationId(), "RUNNING", message, SOURCE).setPhaseId(r.phaseId()).setRowsDone(r.changesApplied()).build();
    }

    /** A progress line for a copy or verify. */
    public static ProgressEvent toProgress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
        return Progress.of(migrationId, "RUNNING", message, SOURCE).setPhaseId(phaseId).setRowsDone(rowsDone).setRowsTotal(rowsTotal).build();
    }
}

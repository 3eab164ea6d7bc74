package dev.zdm.planner.orchestrate;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.Phase;
import dev.zdm.events.PhaseResult;
import dev.zdm.planner.orchestrate.MigrationState.PhaseState;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' control commands on the planner's side: pause, resume (which also retries a failed
 * phase), retry with a smaller batch, cancel, and rollback (undo steps of completed phases in reverse,
 * refused once a point of no return has completed). A command that does not apply is refused with its
 * reason on the progress stream; it is not an error of the consumer.
 */
public final class Controls {
    private static final Logger LOG = LoggerFactory.getLogger(Controls.class);
    private final Stores stores;
    private final Orchestrator orchestrator;

    public Controls(Stores stores, Orchestrator orchestrator) {
        this.stores = stores;
        this.orchestrator = orchestrator;
    }

    public Future<Void> onControl(ControlCommand command) {
        return stores.find(command.getMigrationId()).compose(s -> {
            if (s == null) {
                return Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, "control " + command.getAction()
                        + " for unknown migration " + command.getMigrationId()));
            }
            LOG.info("control {} for migration {} ({}){}", command.getAction(), s.migrationId(), s.status(),
                    command.getReason() == null ? "" : ": " + command.getReason());
            return switch (command.getAction()) {
                case "PAUSE" -> pause(s);
                case "RESUME" -> resume(s, Map.of());
                case "RETRY_SMALLER_BATCH" -> resume(s, command.getBatchSize() == null ? Map.of("batchSizeFactor", "0.5")
                        : Map.of("batchSize", command.getBatchSize().toString()));
                case "CANCEL" -> cancel(s);
                case "ROLLBACK" -> rollback(s);
                default -> Future.failedFuture(new ZdmException(ErrorCode.INVALID_REQUEST, "unknown control action '"
                        + command.getAction() + "' (PAUSE, RESUME, RETRY_SMALLER_BATCH, CANCEL, ROLLBACK)"));
            };
        });
    }

    private Future<Void> pause(MigrationState s) {
        if (s.terminal()) return refuse(s, "pause refused: migration is " + s.status());
        return stores.store(s.target()).setPaused(s.migrationId(), true)
                .compose(x -> stores.store(s.target()).history(s.migrationId(), s.currentPhase(), "PAUSED", ""))
                .compose(x -> orchestrator.progress(s.migrationId(), "PAUSED", "paused before the next phase; a running phase pauses between batches",
                        s.currentPhase(), s.phaseCount(), null));
    }

    private Future<Void> resume(MigrationState s, Map<String, String> options) {
        if (s.terminal()) return refuse(s, "resume refused: migration is " + s.status());
        MigrationStore store = stores.store(s.target());
        Future<Void> unpaused = store.setPaused(s.migrationId(), false)
                .compose(x -> store.history(s.migrationId(), s.currentPhase(), "RESUMED", options.toString()));
        Optional<PhaseState> failed = s.phases().stream().filter(p -> p.status().equals(PhaseState.FAILED)).findFirst();
        if (failed.isPresent()) {
            return unpaused.compose(x -> store.setMigration(s.migrationId(), MigrationState.RUNNING, failed.get().index(), null, null))
                    .compose(x -> store.load(s.migrationId()))
                    .compose(fresh -> orchestrator.dispatch(fresh, fresh.phases().get(failed.get().index()), options));
        }
        return unpaused.compose(x -> orchestrator.progress(s.migrationId(), "RUNNING", "resumed", s.currentPhase(), s.phaseCount(), null))
                .compose(x -> store.load(s.migrationId())).compose(orchestrator::advance);
    }

    private Future<Void> cancel(MigrationState s) {
        if (s.terminal()) return refuse(s, "cancel refused: migration is already " + s.status());
        MigrationStore store = stores.store(s.target());
        return store.setMigration(s.migrationId(), MigrationState.CANCELLED, s.currentPhase(), null, null)
                .compose(x -> store.history(s.migrationId(), s.currentPhase(), "CANCELLED", ""))
                .compose(x -> orchestrator.progress(s.migrationId(), "CANCELLED", "cancelled; completed phases stay applied (rollback undoes them)",
                        s.currentPhase(), s.phaseCount(), null));
    }

    private Future<Void> rollback(MigrationState s) {
        if (s.status().equals(MigrationState.ROLLED_BACK) || s.status().equals(MigrationState.REJECTED)) {
            return refuse(s, "rollback refused: migration is " + s.status());
        }
        Optional<PhaseState> running = s.phases().stream().filter(p -> p.status().equals(PhaseState.DISPATCHED)).findFirst();
        if (running.isPresent()) {
            return refuse(s, "rollback refused: phase " + s.phase(running.get().index()).getName()
                    + " is running; cancel it or wait for its result first");
        }
        Optional<PhaseState> noReturn = s.phases().stream()
                .filter(p -> p.status().equals(PhaseState.COMPLETED) && s.phase(p.index()).getPointOfNoReturn()).findFirst();
        if (noReturn.isPresent()) {
            Phase phase = s.phase(noReturn.get().index());
            return refuse(s, "rollback refused: phase " + phase.getPhaseId() + " (" + phase.getName()
                    + ") is a point of no return and has completed; its effects cannot be undone");
        }
        MigrationStore store = stores.store(s.target());
        return store.setMigration(s.migrationId(), MigrationState.ROLLING_BACK, s.currentPhase(), null, null)
                .compose(x -> store.history(s.migrationId(), s.currentPhase(), "ROLLING_BACK", ""))
                .compose(x -> store.load(s.migrationId())).compose(this::rollbackNext);
    }

    /** Undoes the latest phase not yet undone, or finishes the rollback. */
    Future<Void> rollbackNext(MigrationState s) {
        MigrationStore store = stores.store(s.target());
        Optional<PhaseState> inFlight = s.phases().stream().filter(p -> p.status().equals(PhaseState.ROLLING_BACK)).findFirst();
        if (inFlight.isPresent()) return orchestrator.redispatchIfOrphaned(s, inFlight.get(), "ROLLBACK");
        Optional<PhaseState> last = s.phases().stream()
                .filter(p -> p.status().equals(PhaseState.COMPLETED) || p.status().equals(PhaseState.FAILED))
                .max(Comparator.comparingInt(PhaseState::index));
        if (last.isEmpty()) {
            return store.setMigration(s.migrationId(), MigrationState.ROLLED_BACK, 0, null, null)
                    .compose(x -> store.history(s.migrationId(), null, "ROLLED_BACK", ""))
                    .compose(x -> orchestrator.progress(s.migrationId(), "ROLLED_BACK", "every completed phase undone", -1, s.phaseCount(), null));
        }
        PhaseState p = last.get();
        Phase phase = s.phase(p.index());
        if (phase.getKind().equals("APP")) {
            return store.movePhase(s.migrationId(), p.index(), p.status(), PhaseState.ROLLED_BACK, -1, 0, null)
                    .compose(x -> orchestrator.progress(s.migrationId(), "ROLLING_BACK", "phase " + phase.getName()
                            + " was an application deployment: roll the application back to before " + phase.getWaitsFor().getVersion(),
                            p.index(), s.phaseCount(), phase))
                    .compose(x -> store.load(s.migrationId())).compose(this::rollbackNext);
        }
        return store.movePhase(s.migrationId(), p.index(), p.status(), PhaseState.ROLLING_BACK, -1, 0, null)
                .compose(moved -> !moved ? Future.<Void>succeededFuture()
                        : orchestrator.publishCommand(s, p.index(), p.attempt() + 1, "ROLLBACK", Map.of())
                        .compose(x -> orchestrator.progress(s.migrationId(), "ROLLING_BACK", "undoing phase " + phase.getName(),
                                p.index(), s.phaseCount(), phase)));
    }

    Future<Void> onRollbackResult(MigrationState s, PhaseResult result) {
        MigrationStore store = stores.store(s.target());
        boolean ok = result.getStatus().equals("COMPLETED");
        String error = result.getError() == null ? null : result.getError().getCode() + ": " + result.getError().getMessage();
        return store.movePhase(s.migrationId(), result.getPhaseIndex(), PhaseState.ROLLING_BACK, ok ? PhaseState.ROLLED_BACK : PhaseState.FAILED,
                        result.getAttempt(), 0, error)
                .compose(moved -> {
                    if (!moved) return Future.<Void>succeededFuture();
                    if (!ok) {
                        return store.setMigration(s.migrationId(), MigrationState.FAILED, result.getPhaseIndex(), result.getError().getCode(),
                                        "rollback of phase " + result.getPhaseId() + " failed: " + error)
                                .compose(x -> orchestrator.progress(s.migrationId(), "FAILED", "rollback of phase " + result.getPhaseId()
                                        + " failed: " + error, result.getPhaseIndex(), s.phaseCount(), null));
                    }
                    return store.history(s.migrationId(), result.getPhaseIndex(), "ROLLED_BACK", "")
                            .compose(x -> store.load(s.migrationId())).compose(this::rollbackNext);
                });
    }

    private Future<Void> refuse(MigrationState s, String reason) {
        LOG.warn("migration {}: {}", s.migrationId(), reason);
        return stores.store(s.target()).history(s.migrationId(), s.currentPhase(), "REFUSED", reason)
                .compose(x -> orchestrator.progress(s.migrationId(), "REFUSED", reason, s.currentPhase(), s.phaseCount(), null));
    }
}

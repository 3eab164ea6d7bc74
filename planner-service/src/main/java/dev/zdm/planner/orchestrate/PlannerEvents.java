package dev.zdm.planner.orchestrate;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.MigrationRejected;
import dev.zdm.events.MigrationRequested;
import dev.zdm.events.PhaseCommand;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.messaging.PhaseMapper;
import java.time.Instant;
import java.util.Map;

/** Builds the events the planner publishes. */
final class PlannerEvents {
    private PlannerEvents() {
    }

    static MigrationPlanned planned(MigrationRequested request, Planning.Result result) {
        return MigrationPlanned.newBuilder().setMigrationId(request.getMigrationId()).setTarget(request.getTarget())
                .setRequiresZeroDowntime(result.requiresZeroDowntime()).setRecommendedStrategy(result.recommendedStrategy())
                .setEstimatedDowntimeMs(result.estimatedDowntimeMs()).setStatements(result.statements())
                .setPhases(result.plan().phases().stream().map(PhaseMapper::toEvent).toList())
                .setPlannedAt(Instant.now()).build();
    }

    static MigrationRejected rejected(MigrationRequested request, ZdmException error) {
        return MigrationRejected.newBuilder().setMigrationId(request.getMigrationId()).setTarget(request.getTarget())
                .setError(Errors.toEvent(error)).setRejectedAt(Instant.now()).build();
    }

    static PhaseCommand command(MigrationState state, int index, int attempt, String direction, Map<String, String> options) {
        return PhaseCommand.newBuilder().setMigrationId(state.migrationId()).setTarget(state.target())
                .setPhase(state.phase(index)).setPhaseCount(state.phaseCount()).setAttempt(attempt)
                .setDirection(direction).setOptions(options).setIssuedAt(Instant.now()).build();
    }
}

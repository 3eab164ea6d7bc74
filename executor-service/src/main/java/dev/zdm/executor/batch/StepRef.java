package dev.zdm.executor.batch;

import java.util.Objects;

/**
 * Which step of which migration a backfill runs; the checkpoint's key in {@code zdm._migration_progress}.
 *
 * @param migrationId the migration
 * @param phaseId     the phase the step belongs to (recorded, not part of the key)
 * @param stepId      the step's stable id within the plan
 */
public record StepRef(String migrationId, String phaseId, String stepId) {
    public StepRef {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(phaseId, "phaseId");
        Objects.requireNonNull(stepId, "stepId");
    }

    @Override
    public String toString() {
        return migrationId + "/" + stepId;
    }
}

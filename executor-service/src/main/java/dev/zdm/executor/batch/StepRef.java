package dev.zdm.executor.batch;

import java.util.Objects;

/**
 * Which step of which migration a backfill runs; the checkpoint's key in {@code zdm._migration_progress}.
 *
 * @param migrationId the migration
 * @param phaseId     the phase the step belongs to (recorded, not part of the key)
 * @param stepId      the step's stable id within the plan
 * @param fence       the lease this run writes under, checked with every checkpoint; null when the run
 *                    is not fenced (a run outside the pipeline, in tests)
 */
public record StepRef(String migrationId, String phaseId, String stepId, Fence fence) {
    public StepRef {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(phaseId, "phaseId");
        Objects.requireNonNull(stepId, "stepId");
    }

    /** An unfenced step. */
    public StepRef(String migrationId, String phaseId, String stepId) {
        this(migrationId, phaseId, stepId, null);
    }

    @Override
    public String toString() {
        return migrationId + "/" + stepId;
    }
}

package dev.zdm.planner.orchestrate;

import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.Phase;
import java.util.List;

/**
 * A migration as the control schema holds it.
 *
 * @param plan the plan as published, with every phase's steps and rollback steps
 */
public record MigrationState(String migrationId, String target, String status, int currentPhase, boolean paused,
                             MigrationPlanned plan, List<PhaseState> phases) {
    public static final String RUNNING = "RUNNING";
    public static final String WAITING_DEPLOYMENT = "WAITING_DEPLOYMENT";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String ROLLING_BACK = "ROLLING_BACK";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String REJECTED = "REJECTED";

    /** One phase's state. */
    public record PhaseState(int index, String phaseId, String status, int attempt) {
        public static final String PENDING = "PENDING";
        public static final String DISPATCHED = "DISPATCHED";
        public static final String COMPLETED = "COMPLETED";
        public static final String FAILED = "FAILED";
        public static final String ROLLING_BACK = "ROLLING_BACK";
        public static final String ROLLED_BACK = "ROLLED_BACK";
    }

    public boolean terminal() {
        return status.equals(COMPLETED) || status.equals(CANCELLED) || status.equals(ROLLED_BACK) || status.equals(REJECTED);
    }

    public Phase phase(int index) {
        return plan.getPhases().get(index);
    }

    public int phaseCount() {
        return plan.getPhases().size();
    }
}

package dev.zdm.cli;

import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.Phase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/**
 * Stores a plan in a target's control schema as the planner does, for tests that hand phase commands
 * straight to the executor (which runs only phases of a stored plan).
 */
final class StoredPlans {
    private StoredPlans() {
    }

    /** Stores the plan and records its phase as dispatched at attempt 1, as the planner does before it publishes the command. */
    static void store(String jdbcUrl, String migrationId, String target, Phase phase) throws Exception {
        MigrationPlanned planned = MigrationPlanned.newBuilder().setMigrationId(migrationId).setTarget(target).setRequiresZeroDowntime(false)
                .setPhases(List.of(phase)).setPlannedAt(Instant.now()).build();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("INSERT INTO zdm.migrations (migration_id, target, sql, status, phase_count, plan_event) "
                     + "VALUES (?, ?, '', 'RUNNING', 1, ?)")) {
            ps.setString(1, migrationId);
            ps.setString(2, target);
            ps.setBytes(3, Requests.codec().encode(planned));
            ps.executeUpdate();
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("INSERT INTO zdm.migration_phases (migration_id, phase_index, phase_id, name, strategy, kind, "
                     + "status, attempt, started_at) VALUES (?, ?, ?, ?, ?, ?, 'DISPATCHED', 1, now())")) {
            ps.setString(1, migrationId);
            ps.setInt(2, phase.getIndex());
            ps.setString(3, phase.getPhaseId());
            ps.setString(4, phase.getName());
            ps.setString(5, phase.getStrategy());
            ps.setString(6, phase.getKind());
            ps.executeUpdate();
        }
    }
}

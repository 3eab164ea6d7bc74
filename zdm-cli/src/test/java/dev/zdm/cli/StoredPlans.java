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
    }
}

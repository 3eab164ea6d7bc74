package dev.zdm.executor.batch;

import java.util.Objects;

/**
 * The right to write for a migration: its lease in {@code zdm.phase_leases}, held by {@code owner}
 * at {@code epoch}. A write checks it in its own transaction; once another executor took the lease
 * over (a higher epoch) or the migration ended (no lease), the check fails and the write rolls back.
 */
public record Fence(String owner, long epoch) {
    public Fence {
        Objects.requireNonNull(owner, "owner");
    }

    /** The SQL condition, with the migration id, owner and epoch as parameters {@code $m}, {@code $o}, {@code $e}. */
    public static String holds(int migrationParam, int ownerParam, int epochParam) {
        return "EXISTS (SELECT 1 FROM zdm.phase_leases l WHERE l.migration_id = $" + migrationParam + " AND l.owner = $" + ownerParam
                + " AND l.epoch = $" + epochParam + ")";
    }

    @Override
    public String toString() {
        return owner + "#" + epoch;
    }
}

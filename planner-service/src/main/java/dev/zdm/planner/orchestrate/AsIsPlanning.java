package dev.zdm.planner.orchestrate;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Plan;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.catalog.Catalog;
import java.util.List;
import java.util.Optional;

/**
 * The simplest planning: one phase that runs the SQL as written, with {@code lock_timeout}. Used until
 * the analyzer decides otherwise, and for migrations that are safe as written.
 */
public final class AsIsPlanning implements Planning {
    private final long lockTimeoutMs;

    public AsIsPlanning(long lockTimeoutMs) {
        this.lockTimeoutMs = lockTimeoutMs;
    }

    @Override
    public Result plan(String source, String sql, Catalog catalog) {
        if (sql == null || sql.isBlank()) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "the migration has no SQL", source);
        }
        Step step = new Step.Sql("p0.s0", sql, true, lockTimeoutMs, 0);
        Phase phase = new Phase("p0", 0, "apply", "direct", PhaseKind.DB, List.of(step), List.of(), Optional.empty(), false);
        return new Result(new Plan("direct", List.of(phase)), false, "direct", 0, List.of(), java.util.Set.of());
    }
}

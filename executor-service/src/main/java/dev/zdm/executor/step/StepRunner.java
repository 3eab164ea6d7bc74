package dev.zdm.executor.step;

import dev.zdm.domain.plan.Step;
import io.vertx.core.Future;

/**
 * Runs one kind of step. Idempotent: run again after a crash it does no harm and completes with the
 * same effect. Records its completion in {@code zdm.step_runs} (inside its own transaction where it
 * has one) before its future completes.
 */
public interface StepRunner<S extends Step> {
    /** Completes with the rows affected, or fails with a classified ZdmException. */
    Future<Long> run(StepContext context, S step);
}

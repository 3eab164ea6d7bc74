/**
 * Strategies turn analyzed statements into phases. Each strategy is one class behind
 * {@link dev.zdm.planner.strategy.Strategy}; {@link dev.zdm.planner.strategy.Strategies#ALL} lists
 * them in the order they claim statements (most specific first, {@code direct} last). A strategy
 * is pure: it returns phases as data ({@link dev.zdm.domain.plan.Phase}, {@link dev.zdm.domain.plan.Step})
 * with their undo steps and point-of-no-return flags; the executor and sync service run them.
 *
 * <p>{@link dev.zdm.planner.strategy.Planner} is the facade: statements and a catalog in, the
 * analysis and the plan out. Step ids are {@code p<phase>.s<step>} (undo steps
 * {@code p<phase>.u<step>}), both counted from 1, so the same input always gives the same ids.
 * SQL the strategies write is idempotent (IF [NOT] EXISTS, guarded DO blocks) because a step may
 * run again after a crash between its commit and its completion record.
 */
package dev.zdm.planner.strategy;

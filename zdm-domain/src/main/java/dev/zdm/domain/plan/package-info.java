/**
 * A plan is data. Strategies return {@link dev.zdm.domain.plan.Phase phases} made of
 * {@link dev.zdm.domain.plan.Step steps}; the executor and the sync service interpret them. Every
 * step carries a stable id so that a re-delivered phase command does no harm, and every phase
 * carries the steps that undo it.
 */
package dev.zdm.domain.plan;

/**
 * The planner's saga: migration and phase state in the target's control schema, and the decisions
 * taken on each request, phase result, deployment and control command. State changes are committed
 * before the command they cause is published; a restarted planner re-publishes the phase in flight,
 * which the executor recognizes as already done or still to do, so no phase is lost or run twice.
 */
package dev.zdm.planner.orchestrate;

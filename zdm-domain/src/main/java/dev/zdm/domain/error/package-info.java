/**
 * Typed errors with stable codes, classified once: {@link dev.zdm.domain.error.ErrorCode} says
 * whether trying again may help, {@link dev.zdm.domain.error.SqlStates} maps PostgreSQL SQLSTATEs to
 * codes. Messages say what happened and what to do next.
 */
package dev.zdm.domain.error;

/**
 * Running a phase's steps: DDL with {@code lock_timeout}, retried with exponential backoff and jitter
 * while the lock is not granted, so a DDL never queues in front of the application for long;
 * {@code CREATE INDEX CONCURRENTLY} with INVALID-index cleanup; completion recorded per step so a
 * re-delivered command skips what is done.
 */
package dev.zdm.executor.step;

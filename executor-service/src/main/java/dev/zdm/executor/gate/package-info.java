/**
 * Backpressure for the executor's batches: the {@link dev.zdm.executor.gate.ThrottleGate} a backfill
 * consults before every batch.
 *
 * <p>Collecting is kept apart from deciding. {@link dev.zdm.executor.gate.BreakerBoard} collects the
 * circuit breaker states the monitor publishes (fed by the executor's Kafka wiring) and the gate
 * collects its own evidence (batch times, lock timeouts on its own statements);
 * {@link dev.zdm.executor.gate.GatePolicy} is a pure function from those readings to a
 * {@link dev.zdm.executor.gate.ThrottleDecision}, and every decision but "full speed" carries the
 * reason that goes into the progress event, the log line and the metric tag.
 *
 * <p>An open breaker stops the backfill after the batch in flight; half-open lets one small batch
 * through per pause (a trickle); closed runs at full speed unless the gate's own evidence says the
 * database is struggling.
 */
package dev.zdm.executor.gate;

/**
 * Breakers: deciding from readings, and pausing the pipeline through named circuit breakers.
 *
 * <ul>
 *   <li>{@link dev.zdm.monitor.breaker.BreakerPolicy} (pure) turns one target's
 *       {@link dev.zdm.monitor.probe.Readings} into a {@link dev.zdm.monitor.breaker.Decision} with
 *       its reason, metric, value and threshold, using the checks of
 *       {@link dev.zdm.monitor.breaker.check}.</li>
 *   <li>{@link dev.zdm.monitor.breaker.BreakerMachine} (pure) moves one breaker closed → open →
 *       half-open → closed on those decisions, with time passed in.</li>
 *   <li>{@link dev.zdm.monitor.breaker.BreakerBoard} applies decisions to breakers stored by
 *       {@link dev.zdm.monitor.breaker.BreakerStore} in {@code zdm._migration_circuit_breakers}, so
 *       state survives a restart; each change is a {@link dev.zdm.monitor.breaker.Transition}, which
 *       the service publishes as a {@code CircuitBreakerEvent}.</li>
 *   <li>{@link dev.zdm.monitor.breaker.Guard} finds zdm's own sessions that the application waits
 *       behind; {@link dev.zdm.monitor.breaker.ZdmCanceller} cancels those, and only those.</li>
 *   <li>{@link dev.zdm.monitor.breaker.BreakerRound} runs one sampling round over every target.</li>
 * </ul>
 *
 * <p>Why a healthy sample is needed to leave "open", why writes are conditional, and how the guard
 * keeps its hands off the application: {@code docs/monitor.md}.
 */
package dev.zdm.monitor.breaker;

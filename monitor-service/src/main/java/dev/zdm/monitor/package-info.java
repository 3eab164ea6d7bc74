/**
 * The monitor service: samples each target's health ({@code probe}), turns readings into breaker
 * decisions and state changes ({@code breaker}), and publishes every change on {@code zdm.breaker}
 * ({@code messaging}); the executor, sync service and planner act on those events.
 */
package dev.zdm.monitor;

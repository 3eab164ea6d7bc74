/**
 * The executor service: consumes phase commands as a consumer group and runs their steps: DDL with
 * {@code lock_timeout} and retries ({@code step}), keyset backfills with backpressure ({@code batch},
 * {@code gate}); reports results and progress ({@code messaging}).
 */
package dev.zdm.executor;

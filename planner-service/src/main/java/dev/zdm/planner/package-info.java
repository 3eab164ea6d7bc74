/**
 * The planner service: analyzes a requested migration, plans its phases, and orchestrates them one at
 * a time (a saga), holding APP phases until the matching deployment and obeying operators' control
 * commands. Packages: {@code parse} / {@code analyze} / {@code catalog} / {@code strategy} (pure
 * planning), {@code orchestrate} (state and decisions), {@code messaging} (Kafka edge).
 */
package dev.zdm.planner;

/**
 * The {@code zdm} command: {@code demo} (everything embedded), {@code up} (all four services in one
 * process), {@code submit}, {@code deployed}, {@code watch}, {@code control}; a thin client of the
 * pipeline's topics, never of its internals.
 */
package dev.zdm.cli;

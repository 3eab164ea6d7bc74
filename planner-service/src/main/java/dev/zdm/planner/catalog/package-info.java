/**
 * What the planner knows about the live tables: row estimates ({@code reltuples}), sizes, columns,
 * indexes, constraints and the objects that depend on a table. Pure records behind the
 * {@link dev.zdm.planner.catalog.Catalog} interface; the lead's code fills them from
 * {@code pg_class}, {@code pg_index}, {@code pg_constraint} and {@code pg_depend}, tests build them
 * by hand. {@code reltuples = -1} means the table was never vacuumed or analyzed: estimates built
 * on it are marked as guesses.
 */
package dev.zdm.planner.catalog;

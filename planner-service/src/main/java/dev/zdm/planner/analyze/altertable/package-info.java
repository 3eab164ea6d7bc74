/**
 * ALTER TABLE, one small class per subcommand family. A statement's subcommands are cut at
 * top-level commas and each is given to the actions of
 * {@link dev.zdm.planner.analyze.altertable.AlterTableActions#ALL} in order; their effects are
 * merged (strongest lock, costliest work). Lock levels are PostgreSQL 15's
 * ({@code AlterTableGetLockLevel}): ACCESS EXCLUSIVE unless noted.
 */
package dev.zdm.planner.analyze.altertable;

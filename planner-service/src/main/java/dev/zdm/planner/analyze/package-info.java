/**
 * The analyzer: what each statement of a migration does to the live tables (the table lock it
 * takes, whether it rewrites or scans the table under that lock, what it blocks, whether it breaks
 * the application version running now, how long it would block), and what that means for the
 * migration as a whole ({@code requiresZeroDowntime}, estimated downtime, findings with safe
 * alternatives).
 *
 * <p>Each statement family has one recognizer ({@code analyze.recognize}); ALTER TABLE has one
 * small class per subcommand family ({@code analyze.altertable}). They are listed explicitly in
 * {@link dev.zdm.planner.analyze.recognize.Recognizers}. A statement none of them knows is reported
 * as {@link dev.zdm.planner.analyze.StatementKind#UNKNOWN}, assumed to take
 * {@code ACCESS EXCLUSIVE}, and never treated as safe.
 *
 * <p>The static answers are checked against PostgreSQL itself: {@code forms.tsv} in the tests lists
 * every form with its setup SQL, expected lock and whether {@code relfilenode} changes, runnable on
 * PostgreSQL 15 in a rolled-back transaction. Lock levels follow the PostgreSQL 15 manual
 * ("ALTER TABLE", "Explicit Locking") and {@code AlterTableGetLockLevel} in {@code tablecmds.c}.
 */
package dev.zdm.planner.analyze;

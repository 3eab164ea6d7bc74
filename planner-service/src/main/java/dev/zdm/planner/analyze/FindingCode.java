package dev.zdm.planner.analyze;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of finding the analyzer reports: the stable code tools and {@code -- @metadata {"allow":
 * [...]}} name, what it means in one line, and whether a migration's author may accept it. A finding
 * that means PostgreSQL itself refuses the statement cannot be accepted: running it as written fails.
 */
public enum FindingCode {
    REWRITE("rewrites a table in use and its indexes under ACCESS EXCLUSIVE"),
    FULL_SCAN("reads every row of a table in use while holding a lock that blocks writes or reads"),
    BREAKS_RUNNING_APP("the application version running now fails after the statement"),
    BIG_BACKFILL("writes many rows in one transaction, holding each row's lock until it commits"),
    BLOCKS_TABLE("blocks a table in use longer than the threshold, or for a time zdm cannot estimate"),
    DATA_LOSS("removes rows"),
    CASCADE("CASCADE silently drops what depends on the dropped object"),
    CASCADE_DROPS("an object CASCADE drops along with the table"),
    RECREATED("a table dropped and created again: its rows are lost and the running application finds it empty"),
    ONE_TRANSACTION("a DO block holds every lock it takes until the whole block ends"),
    PROCEDURE_BODY("CALL runs statements zdm cannot see: their locks and run time are unknown"),
    UNKNOWN_FORM("a statement form zdm does not know: assumed to take ACCESS EXCLUSIVE"),
    INVALID_TRIGGER("a trigger with an inline body, which PostgreSQL refuses", false),
    NOT_ALLOWED_IN_BLOCK("a statement PostgreSQL refuses inside a transaction block (a DO block)", false),
    INDEX_PREDICATE_NOT_IMMUTABLE("an index predicate calling a function that is not IMMUTABLE, which PostgreSQL refuses", false),
    ASSUMED("an assumption made for lack of the live catalog (plan with --pg for an exact answer)"),
    HELD_UNTIL_COMMIT("a lock held until the explicit transaction around the statement ends"),
    INDEX_REBUILD("indexes on the changed column may be rebuilt as well"),
    NOT_IN_TRANSACTION("cannot run inside a transaction block; zdm runs it on its own"),
    REDEFINED("dropped and created again in one transaction: a redefinition"),
    TRANSACTION_CONTROL("BEGIN or COMMIT: zdm keeps the statements between them in one step");

    private final String summary;
    private final boolean refusedByPostgres;

    FindingCode(String summary) {
        this(summary, true);
    }

    FindingCode(String summary, boolean runs) {
        this.summary = summary;
        this.refusedByPostgres = !runs;
    }

    /** What a finding of this code means, in one line. */
    public String summary() {
        return summary;
    }

    /** True when PostgreSQL refuses a statement with this finding: it cannot run as written. */
    public boolean refusedByPostgres() {
        return refusedByPostgres;
    }

    /** False when running the statement as written is not a choice an author can make (PostgreSQL refuses it). */
    public boolean acceptable() {
        return !refusedByPostgres;
    }

    /** The code named {@code name} exactly (codes are upper case), if there is one. */
    public static Optional<FindingCode> named(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}

package dev.zdm.planner.truth;

import java.util.List;

/**
 * What {@code zdm plan --pg}'s check did and found.
 *
 * @param scratchDatabase the scratch database the statements ran in (dropped since), or null when none
 *                        could be created
 * @param notes           what else was done or not done: objects that could not be copied, left-over
 *                        scratch databases dropped, why there was no scratch database
 * @param verdicts        one per statement of the migration, in order
 */
public record ShadowReport(String scratchDatabase, List<String> notes, List<ShadowVerdict> verdicts) {
    public ShadowReport {
        notes = List.copyOf(notes);
        verdicts = List.copyOf(verdicts);
    }

    /** One line saying what was done where. */
    public String header() {
        if (scratchDatabase == null) {
            return "not checked against PostgreSQL: no scratch database could be made; the live database was only read (in a read-only transaction)";
        }
        return "checked on a scratch copy of the schema (database " + scratchDatabase + " on the same server, built from the live catalog "
                + "and dropped afterwards); the live database was only read (in a read-only transaction)";
    }
}

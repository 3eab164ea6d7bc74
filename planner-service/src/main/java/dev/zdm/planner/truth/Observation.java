package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What PostgreSQL did when a statement ran in a {@link Sandbox}.
 *
 * @param locks         the strongest table lock the statement's backend held or asked for, per table of
 *                      the sandbox it locked (names as they were before the statement)
 * @param rewritten     the tables whose {@code relfilenode} changed (a rewrite, or TRUNCATE)
 * @param scanned       the tables whose rows its sequential scans read
 *                      ({@code pg_stat_get_xact_tuples_returned} went up). Seen only in a transaction
 *                      and only on tables that have rows: empty for a statement observed outside a
 *                      transaction block and on an empty (shadow) table, where it means "not seen"
 * @param transactional false when PostgreSQL refused to run it in a transaction block
 */
public record Observation(Map<String, LockMode> locks, Set<String> rewritten, Set<String> scanned, boolean transactional) {
    public Observation {
        locks = Collections.unmodifiableMap(new TreeMap<>(locks));
        rewritten = Collections.unmodifiableSet(new TreeSet<>(rewritten));
        scanned = Collections.unmodifiableSet(new TreeSet<>(scanned));
    }

    /** True when any table got a new relfilenode. */
    public boolean rewrites() {
        return !rewritten.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        locks.forEach((table, mode) -> s.append(s.length() == 0 ? "" : ", ").append(table).append('=').append(mode.docName()));
        return (s.length() == 0 ? "no table lock" : s) + "; rewrites " + (rewritten.isEmpty() ? "none" : String.join(", ", rewritten))
                + (scanned.isEmpty() ? "" : "; scanned " + String.join(", ", scanned))
                + (transactional ? "" : "; not in a transaction block");
    }
}

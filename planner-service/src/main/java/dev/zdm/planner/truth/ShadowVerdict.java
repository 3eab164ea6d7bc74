package dev.zdm.planner.truth;

import java.util.List;
import java.util.Objects;

/**
 * The shadow check's answer for one statement of a migration: either what PostgreSQL did on the
 * shadow and whether the analyzer agrees, or why it was not checked. Never a guess.
 */
public sealed interface ShadowVerdict permits ShadowVerdict.Checked, ShadowVerdict.NotChecked {

    /** The statement's index in the migration, from 0. */
    int index();

    /** The statement's SQL. */
    String sql();

    /** True only for a checked statement on which the analyzer and PostgreSQL agree. */
    boolean agrees();

    /** One line for a person. */
    String describe();

    /**
     * The statement ran on the shadow.
     *
     * @param observed      the locks PostgreSQL took and the tables it rewrote, by table name
     * @param disagreements one sentence per point where the analyzer's verdict differs; empty when it agrees
     * @param notes         what else the operator should know (a statement not replayed on the shadow)
     */
    record Checked(int index, String sql, Observation observed, List<String> disagreements, List<String> notes) implements ShadowVerdict {
        public Checked {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(observed, "observed");
            disagreements = List.copyOf(disagreements);
            notes = List.copyOf(notes);
        }

        @Override
        public boolean agrees() {
            return disagreements.isEmpty();
        }

        @Override
        public String describe() {
            String verdict = agrees() ? "agrees with the analyzer" : "DISAGREES: " + String.join("; ", disagreements);
            return "statement " + (index + 1) + ": PostgreSQL took " + observed + "; " + verdict
                    + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
        }
    }

    /** True when PostgreSQL refused the statement itself: as written it fails on the live database too. */
    default boolean failedOnPostgres() {
        return this instanceof NotChecked n && n.failed();
    }

    /**
     * The statement was not run on the shadow, or failed there.
     *
     * @param reason why, for a person
     * @param failed true when PostgreSQL refused the statement (an unknown type, a column limit, a missing
     *               object), as opposed to zdm not running it
     */
    record NotChecked(int index, String sql, String reason, boolean failed) implements ShadowVerdict {
        public NotChecked {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(reason, "reason");
        }

        public NotChecked(int index, String sql, String reason) {
            this(index, sql, reason, false);
        }

        @Override
        public boolean agrees() {
            return false;
        }

        @Override
        public String describe() {
            return "statement " + (index + 1) + ": not checked (" + reason + ")";
        }
    }
}

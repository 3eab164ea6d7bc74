package dev.zdm.planner.analyze;

import java.util.regex.Pattern;

/** What PostgreSQL accepts in an index predicate: only IMMUTABLE functions. */
public final class IndexPredicates {
    /** now() and friends are STABLE or VOLATILE. */
    private static final Pattern NOT_IMMUTABLE_CALL = Pattern.compile(
            "(?i)\\b(now\\s*\\(|current_timestamp|current_date|current_time|localtimestamp|localtime|clock_timestamp\\s*\\(|"
                    + "statement_timestamp\\s*\\(|transaction_timestamp\\s*\\(|random\\s*\\()");

    private IndexPredicates() {
    }

    /** True when {@code predicate} calls a time or random function, which PostgreSQL refuses in an index predicate. */
    public static boolean callsNotImmutable(String predicate) {
        return predicate != null && NOT_IMMUTABLE_CALL.matcher(predicate).find();
    }
}

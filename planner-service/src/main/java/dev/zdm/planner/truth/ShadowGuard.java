package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.zdm.planner.analyze.StatementKind.*;

/**
 * Decides, before anything runs, which statements the scratch copy can answer for, and which of them
 * run for real there. Not a safety device: the scratch database is what keeps statements away from
 * the live one, whatever names they use. This only leaves out what the copy cannot answer for. Pure.
 */
final class ShadowGuard {
    /** Kinds the check cannot observe: a transaction statement would end the observing transaction. */
    private static final Set<StatementKind> NOT_OBSERVABLE = EnumSet.of(TRANSACTION_CONTROL);
    /** Maintenance kinds that, without a table, act on every table of the database. */
    private static final Set<StatementKind> MAINTENANCE = EnumSet.of(VACUUM, VACUUM_FULL, ANALYZE, CLUSTER, REINDEX, REINDEX_CONCURRENTLY);
    /** Non-transactional kinds run for real on the scratch copy (everything they leave is dropped with it). */
    private static final Set<StatementKind> RUN_FOR_REAL = EnumSet.of(CREATE_INDEX_CONCURRENTLY, DROP_INDEX_CONCURRENTLY, REINDEX_CONCURRENTLY,
            VACUUM, VACUUM_FULL);
    /** Kinds whose effect later statements may need, replayed (committed) on the copy after their observation. */
    private static final Set<StatementKind> REPLAYED = EnumSet.of(ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL,
            DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT, ALTER_COLUMN_OPTION, ADD_CHECK, ADD_FOREIGN_KEY, ADD_UNIQUE, ADD_PRIMARY_KEY,
            ADD_EXCLUSION, VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_CONSTRAINT, RENAME_TABLE, ALTER_TABLE_OPTION, ALTER_TABLE_MULTI,
            CREATE_INDEX, DROP_INDEX, CREATE_TRIGGER, DROP_TRIGGER, CREATE_TABLE, DROP_TABLE, CREATE_VIEW, DROP_VIEW, CREATE_FUNCTION,
            DROP_FUNCTION);
    private static final Pattern WIDE_REINDEX = Pattern.compile("(?i)^\\s*REINDEX\\s*(\\([^)]*\\))?\\s*(SCHEMA|DATABASE|SYSTEM)\\b");
    /** Temporary objects would outlive the replay in the pooled session. */
    private static final Pattern TEMPORARY = Pattern.compile("(?i)\\bCREATE\\s+(OR\\s+REPLACE\\s+)?((GLOBAL|LOCAL)\\s+)?(TEMP|TEMPORARY)\\b");
    private static final Pattern SCHEMA_OBJECT = Pattern.compile("(?i)^\\s*CREATE\\s+(TYPE|DOMAIN|SEQUENCE|SCHEMA)\\b");
    private static final Map<Character, String> KIND_NAMES = Map.of('p', "a partitioned table", 'v', "a view", 'm', "a materialized view",
            'f', "a foreign table");

    private final Map<TableName, Character> liveKinds;

    /** @param liveKinds {@code relkind} of each relation the migration names that exists now */
    ShadowGuard(Map<TableName, Character> liveKinds) {
        this.liveKinds = Map.copyOf(liveKinds);
    }

    /** Why the statement cannot be checked on the scratch copy; empty when it can. */
    Optional<String> refusal(StatementAnalysis a) {
        if (a.kind() == UNKNOWN) return Optional.of("the analyzer does not know this form, so there is no verdict to check");
        if (NOT_OBSERVABLE.contains(a.kind())) return Optional.of(a.kind() + " would end the transaction the check observes in");
        for (TableName t : a.tables()) {
            Character kind = liveKinds.get(t);
            if (kind != null && kind != 'r') {
                return Optional.of(t + " is " + KIND_NAMES.getOrDefault(kind, "not an ordinary table") + "; the scratch copy holds ordinary tables only");
            }
        }
        if (MAINTENANCE.contains(a.kind()) && (a.tables().isEmpty() || WIDE_REINDEX.matcher(a.sql()).find())) {
            return Optional.of("it acts on every table of a schema or the database, not on named tables");
        }
        return Optional.empty();
    }

    /** True when, refused in a transaction block, the statement may run for real on the scratch copy. */
    boolean runsForReal(StatementAnalysis a) {
        return RUN_FOR_REAL.contains(a.kind()) && !a.tables().isEmpty();
    }

    /** True when the statement's effect is committed on the scratch copy after its observation, for the statements after it. */
    boolean replays(StatementAnalysis a) {
        if (TEMPORARY.matcher(a.sql()).find()) return false;
        return REPLAYED.contains(a.kind()) || a.kind() == CREATE_OTHER && SCHEMA_OBJECT.matcher(a.sql()).find();
    }
}

package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.TableName;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.zdm.planner.analyze.StatementKind.*;

/**
 * Decides, before anything runs, which statements the shadow can answer for, and which of them run
 * for real there. The shadow resolves names through its own schema only, so a statement may run on
 * it when every name it uses would resolve there: no schema-qualified names, no search_path changes,
 * no objects outside a schema (roles, databases, settings). Pure.
 */
final class ShadowGuard {
    /** Kinds that can act outside the shadow schema, or that zdm cannot describe: never run. */
    private static final Set<StatementKind> ACTS_OUTSIDE = EnumSet.of(DROP_OTHER, ALTER_OTHER, GRANT_REVOKE, TRANSACTION_CONTROL,
            SESSION_SETTING, UNKNOWN);
    /** Maintenance kinds that, without a table, act on every table of the database. */
    private static final Set<StatementKind> MAINTENANCE = EnumSet.of(VACUUM, VACUUM_FULL, ANALYZE, CLUSTER, REINDEX, REINDEX_CONCURRENTLY);
    /** Non-transactional kinds run for real on the shadow (everything they leave is dropped with it). */
    private static final Set<StatementKind> RUN_FOR_REAL = EnumSet.of(CREATE_INDEX_CONCURRENTLY, DROP_INDEX_CONCURRENTLY, REINDEX_CONCURRENTLY,
            VACUUM, VACUUM_FULL);
    /** Kinds whose effect later statements may need, replayed (committed) on the shadow after their observation. */
    private static final Set<StatementKind> REPLAYED = EnumSet.of(ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL,
            DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT, ALTER_COLUMN_OPTION, ADD_CHECK, ADD_FOREIGN_KEY, ADD_UNIQUE, ADD_PRIMARY_KEY,
            ADD_EXCLUSION, VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_CONSTRAINT, RENAME_TABLE, ALTER_TABLE_OPTION, ALTER_TABLE_MULTI,
            CREATE_INDEX, DROP_INDEX, CREATE_TRIGGER, DROP_TRIGGER, CREATE_TABLE, DROP_TABLE, CREATE_VIEW, DROP_VIEW, CREATE_FUNCTION,
            DROP_FUNCTION);
    private static final Pattern PATH_CHANGE = Pattern.compile("(?i)search_path|set_config");
    private static final Pattern WIDE_REINDEX = Pattern.compile("(?i)^\\s*REINDEX\\s*(\\([^)]*\\))?\\s*(SCHEMA|DATABASE|SYSTEM)\\b");
    /** Temporary objects would outlive the replay in the pooled session; SET SCHEMA would move a shadow table out of the shadow. */
    private static final Pattern NOT_REPLAYABLE = Pattern.compile("(?i)\\bCREATE\\s+(OR\\s+REPLACE\\s+)?((GLOBAL|LOCAL)\\s+)?(TEMP|TEMPORARY)\\b|\\bSET\\s+SCHEMA\\b");
    private static final Pattern SCHEMA_OBJECT = Pattern.compile("(?i)^\\s*CREATE\\s+(TYPE|DOMAIN|SEQUENCE)\\b");
    private static final Map<Character, String> KIND_NAMES = Map.of('p', "a partitioned table", 'v', "a view", 'm', "a materialized view",
            'f', "a foreign table");

    private final Pattern qualified;
    private final Map<String, Character> liveKinds;

    /**
     * @param schemas   every schema of the database (pg_catalog is allowed as a qualifier)
     * @param liveKinds {@code relkind} of each public relation the migration names that exists now
     */
    ShadowGuard(Set<String> schemas, Map<String, Character> liveKinds) {
        Set<String> names = new TreeSet<>(schemas);
        names.remove("pg_catalog");
        names.add("pg_temp");
        String alternatives = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        this.qualified = Pattern.compile("(?i)(?<![\\w$])\"?(" + alternatives + ")\"?\\s*\\.");
        this.liveKinds = Map.copyOf(liveKinds);
    }

    /** Why the statement cannot be checked on the shadow; empty when it can. */
    Optional<String> refusal(StatementAnalysis a) {
        String sql = a.sql();
        if (a.kind() == UNKNOWN) return Optional.of("the analyzer does not know this form, so zdm does not run it, not even on the shadow");
        if (ACTS_OUTSIDE.contains(a.kind())) {
            return Optional.of(a.kind() + " can act outside the shadow schema (roles, schemas, settings, transactions), so it is not run");
        }
        if (PATH_CHANGE.matcher(sql).find()) return Optional.of("it changes or reads the search_path, which could point it at the live tables");
        Matcher q = qualified.matcher(sql);
        if (q.find()) {
            return Optional.of("it uses the schema-qualified name " + q.group(1) + ".…; the shadow resolves names through its own schema only");
        }
        for (TableName t : a.tables()) {
            if (!TableName.DEFAULT_SCHEMA.equals(t.schema())) {
                return Optional.of("it touches " + t + ", outside the public schema; the shadow copies public tables only");
            }
            Character kind = liveKinds.get(t.name());
            if (kind != null && kind != 'r') {
                return Optional.of(t + " is " + KIND_NAMES.getOrDefault(kind, "not an ordinary table") + "; the shadow copies ordinary tables only");
            }
        }
        if (MAINTENANCE.contains(a.kind()) && (a.tables().isEmpty() || WIDE_REINDEX.matcher(sql).find())) {
            return Optional.of("it acts on every table of a schema or the database, not on named tables");
        }
        return Optional.empty();
    }

    /** True when, refused in a transaction block, the statement may run for real on the shadow. */
    boolean runsForReal(StatementAnalysis a) {
        return RUN_FOR_REAL.contains(a.kind()) && !a.tables().isEmpty();
    }

    /** True when the statement's effect is committed on the shadow after its observation, for the statements after it. */
    boolean replays(StatementAnalysis a) {
        if (NOT_REPLAYABLE.matcher(a.sql()).find()) return false;
        return REPLAYED.contains(a.kind()) || a.kind() == CREATE_OTHER && SCHEMA_OBJECT.matcher(a.sql()).find();
    }
}

package dev.zdm.runtime.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.plan.SyncAction;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.domain.sql.TableName;
import dev.zdm.events.QualifiedName;
import dev.zdm.runtime.serde.EventCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps {@link Step} records to the Avro {@code Step} (kind + sql + params, relations structured in
 * {@code tables}, column lists in {@code columns}) and back. Lossless both ways, whatever the names
 * contain: a table name is never written or read as {@code schema.name} text.
 */
public final class StepMapper {
    private static final String MAPPING = "mapping.";
    private static final String REVERSE = "reverse.";
    private static final String REMOVES = "removes";
    private static final String REMOVES_KIND = "removesKind";
    private static final String REMOVES_NAME = "removesName";

    static {
        EventCodec.trustEventPackage();
    }

    private StepMapper() {
    }

    public static dev.zdm.events.Step toEvent(Step step) {
        var b = dev.zdm.events.Step.newBuilder().setStepId(step.id()).setDescription(step.describe())
                .setLockTimeoutMs(Step.DEFAULT_LOCK_TIMEOUT_MS).setStatementTimeoutMs(0);
        Map<String, String> p = new LinkedHashMap<>();
        Map<String, QualifiedName> tables = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        if (step instanceof Step.Sql s) {
            b.setKind(s.transactional() ? "SQL" : "SQL_NON_TRANSACTIONAL").setSql(s.sql())
                    .setLockTimeoutMs(s.lockTimeoutMs()).setStatementTimeoutMs(s.statementTimeoutMs());
            if (s.removes() != null) {
                tables.put(REMOVES, toEvent(s.removes().table()));
                p.put(REMOVES_KIND, s.removes().kind().name());
                if (s.removes().name() != null) p.put(REMOVES_NAME, s.removes().name());
            }
        } else if (step instanceof Step.CreateIndexConcurrently c) {
            b.setKind("CREATE_INDEX_CONCURRENTLY").setSql(c.sql());
            p.put("schema", c.schema());
            p.put("indexName", c.indexName());
        } else if (step instanceof Step.Backfill f) {
            b.setKind("BACKFILL");
            tables.put("table", toEvent(f.table()));
            p.put("keyColumn", f.keyColumn());
            if (f.setClause() != null) p.put("setClause", f.setClause());
            if (f.pendingPredicate() != null) p.put("pendingPredicate", f.pendingPredicate());
            putBatch(p, f.options());
        } else if (step instanceof Step.Copy c) {
            b.setKind("COPY");
            tables.put("sourceTable", toEvent(c.sourceTable()));
            tables.put("targetTable", toEvent(c.targetTable()));
            columns.put("keyColumns", c.keyColumns());
            c.mapping().forEach((k, v) -> p.put(MAPPING + k, v));
            putBatch(p, c.options());
        } else if (step instanceof Step.Sync s) {
            b.setKind("SYNC");
            p.put("action", s.action().name());
            p.put("mode", s.mode().name());
            tables.put("sourceTable", toEvent(s.sourceTable()));
            tables.put("targetTable", toEvent(s.targetTable()));
            columns.put("keyColumns", s.keyColumns());
            s.mapping().forEach((k, v) -> p.put(MAPPING + k, v));
            s.reverseMapping().forEach((k, v) -> p.put(REVERSE + k, v));
        } else if (step instanceof Step.Verify v) {
            b.setKind("VERIFY");
            tables.put("sourceTable", toEvent(v.sourceTable()));
            tables.put("targetTable", toEvent(v.targetTable()));
            columns.put("keyColumns", v.keyColumns());
            v.mapping().forEach((k, val) -> p.put(MAPPING + k, val));
        } else if (step instanceof Step.Switch s) {
            b.setKind("SWITCH");
            tables.put("blueTable", toEvent(s.blueTable()));
            tables.put("greenTable", toEvent(s.greenTable()));
            p.put("retiredName", s.retiredName());
        } else if (step instanceof Step.FlagRollout f) {
            b.setKind("FLAG_ROLLOUT");
            p.put("flag", f.flag());
            p.put("percentage", Integer.toString(f.percentage()));
            if (f.guardBreaker() != null) p.put("guardBreaker", f.guardBreaker());
        } else {
            throw new IllegalArgumentException("no event mapping for step type " + step.getClass().getName());
        }
        return b.setParams(p).setTables(tables).setColumns(columns).build();
    }

    /** The domain step; an unknown kind or a missing parameter is an {@code INVALID_REQUEST} naming the step. */
    public static Step fromEvent(dev.zdm.events.Step e) {
        Map<String, String> p = e.getParams();
        String id = e.getStepId();
        return switch (e.getKind()) {
            case "SQL", "SQL_NON_TRANSACTIONAL" -> new Step.Sql(id, required(e, e.getSql(), "sql"), e.getKind().equals("SQL"),
                    e.getLockTimeoutMs(), e.getStatementTimeoutMs(), removes(e));
            case "CREATE_INDEX_CONCURRENTLY" -> new Step.CreateIndexConcurrently(id, p.get("schema"),
                    param(e, "indexName"), required(e, e.getSql(), "sql"));
            case "BACKFILL" -> new Step.Backfill(id, table(e, "table"), param(e, "keyColumn"), e.getParams().get("setClause"),
                    p.get("pendingPredicate"), batch(e));
            case "COPY" -> new Step.Copy(id, table(e, "sourceTable"), table(e, "targetTable"), columns(e, "keyColumns"),
                    prefixed(p, MAPPING), batch(e));
            case "SYNC" -> new Step.Sync(id, SyncAction.valueOf(param(e, "action")), SyncMode.valueOf(param(e, "mode")),
                    table(e, "sourceTable"), table(e, "targetTable"), columns(e, "keyColumns"),
                    prefixed(p, MAPPING), prefixed(p, REVERSE));
            case "VERIFY" -> new Step.Verify(id, table(e, "sourceTable"), table(e, "targetTable"), columns(e, "keyColumns"),
                    prefixed(p, MAPPING));
            case "SWITCH" -> new Step.Switch(id, table(e, "blueTable"), table(e, "greenTable"), param(e, "retiredName"));
            case "FLAG_ROLLOUT" -> new Step.FlagRollout(id, param(e, "flag"), intParam(e, "percentage"), p.get("guardBreaker"));
            default -> throw new ZdmException(ErrorCode.INVALID_REQUEST, "step " + id + " has unknown kind '" + e.getKind()
                    + "'; this executor knows SQL, SQL_NON_TRANSACTIONAL, CREATE_INDEX_CONCURRENTLY, BACKFILL, SYNC, VERIFY, SWITCH, FLAG_ROLLOUT", id);
        };
    }

    public static List<dev.zdm.events.Step> toEvents(List<Step> steps) {
        return steps.stream().map(StepMapper::toEvent).toList();
    }

    public static List<Step> fromEvents(List<dev.zdm.events.Step> steps) {
        return steps.stream().map(StepMapper::fromEvent).toList();
    }

    private static void putBatch(Map<String, String> p, BatchOptions o) {
        p.put("batchSize", Integer.toString(o.batchSize()));
        p.put("delayMs", Long.toString(o.delayMs()));
        p.put("maxDurationMs", Long.toString(o.maxDurationMs()));
        p.put("rolloutPercentage", Integer.toString(o.rolloutPercentage()));
    }

    private static BatchOptions batch(dev.zdm.events.Step e) {
        return new BatchOptions(intParam(e, "batchSize"), longParam(e, "delayMs"), longParam(e, "maxDurationMs"),
                intParam(e, "rolloutPercentage"));
    }

    private static String required(dev.zdm.events.Step e, String value, String name) {
        if (value == null) throw missing(e, name);
        return value;
    }

    private static String param(dev.zdm.events.Step e, String name) {
        return required(e, e.getParams().get(name), name);
    }

    private static int intParam(dev.zdm.events.Step e, String name) {
        try {
            return Integer.parseInt(param(e, name));
        } catch (NumberFormatException x) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "step " + e.getStepId() + " parameter " + name + " is not an integer", e.getStepId());
        }
    }

    private static long longParam(dev.zdm.events.Step e, String name) {
        try {
            return Long.parseLong(param(e, name));
        } catch (NumberFormatException x) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "step " + e.getStepId() + " parameter " + name + " is not a number", e.getStepId());
        }
    }

    private static ZdmException missing(dev.zdm.events.Step e, String name) {
        return new ZdmException(ErrorCode.INVALID_REQUEST, "step " + e.getStepId() + " (" + e.getKind() + ") lacks " + name, e.getStepId());
    }

    /** The Avro form of a relation name: its two parts, exact. */
    public static QualifiedName toEvent(TableName table) {
        return QualifiedName.newBuilder().setSchemaName(table.schema()).setName(table.name()).build();
    }

    /** The relation name of an event; null stays null. */
    public static TableName fromEvent(QualifiedName name) {
        return name == null ? null : new TableName(name.getSchemaName(), name.getName());
    }

    private static TableName table(dev.zdm.events.Step e, String role) {
        QualifiedName name = e.getTables().get(role);
        if (name != null) return fromEvent(name);
        if (e.getParams().containsKey(role)) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "step " + e.getStepId() + " (" + e.getKind() + ") names its " + role
                    + " as text, as an earlier zdm did; such a name is ambiguous (a dot or quote in it cannot be told apart), so re-plan the migration", e.getStepId());
        }
        throw missing(e, role);
    }

    /** The object an undo step removes, or null when it names none. */
    private static Removes removes(dev.zdm.events.Step e) {
        String kind = e.getParams().get(REMOVES_KIND);
        if (kind == null) return null;
        try {
            return new Removes(Removes.Kind.valueOf(kind), table(e, REMOVES), e.getParams().get(REMOVES_NAME));
        } catch (IllegalArgumentException x) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "step " + e.getStepId() + " names what it removes wrongly: " + x.getMessage(), e.getStepId());
        }
    }

    private static List<String> columns(dev.zdm.events.Step e, String role) {
        List<String> names = e.getColumns().get(role);
        if (names != null) return List.copyOf(names);
        if (e.getParams().containsKey(role)) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "step " + e.getStepId() + " (" + e.getKind() + ") lists its " + role
                    + " as comma-separated text, as an earlier zdm did; re-plan the migration", e.getStepId());
        }
        throw missing(e, role);
    }

    private static Map<String, String> prefixed(Map<String, String> params, String prefix) {
        Map<String, String> out = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }
}

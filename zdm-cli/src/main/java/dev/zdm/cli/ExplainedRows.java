package dev.zdm.cli;

import dev.zdm.planner.parse.ParsedStatement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rows PostgreSQL's planner expects each UPDATE and DELETE of a migration to touch, from
 * {@code EXPLAIN (FORMAT JSON)} without ANALYZE: nothing runs, and PostgreSQL allows it in the
 * {@code READ ONLY} transaction {@code zdm plan --pg} reads the live database in. Each statement is
 * explained behind a savepoint; one that cannot be planned (it names a table the migration creates)
 * is left out.
 */
final class ExplainedRows {
    private static final Pattern DML = Pattern.compile("(?is)^\\s*(update|delete)\\b.*");

    private ExplainedRows() {
    }

    static Future<Map<String, Long>> of(SqlConnection conn, List<ParsedStatement> statements) {
        Map<String, Long> rows = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (ParsedStatement s : statements) {
            if (!DML.matcher(s.sql()).matches()) continue;
            chain = chain.compose(v -> conn.query("SAVEPOINT zdm_explain").execute())
                    .compose(v -> conn.query("EXPLAIN (FORMAT JSON) " + s.sql()).execute())
                    .map(result -> {
                        Object plan = result.iterator().next().getValue(0);
                        JsonObject top = new JsonArray(plan.toString()).getJsonObject(0).getJsonObject("Plan");
                        JsonArray children = top.getJsonArray("Plans");
                        JsonObject scan = children == null || children.isEmpty() ? top : children.getJsonObject(0);
                        rows.put(s.sql(), scan.getNumber("Plan Rows").longValue());
                        return (Void) null;
                    })
                    .recover(e -> conn.query("ROLLBACK TO SAVEPOINT zdm_explain").execute().mapEmpty());
        }
        return chain.map(v -> rows);
    }
}

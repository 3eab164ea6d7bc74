package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

import static dev.zdm.monitor.probe.Values.nonNegative;

/**
 * The oldest open transaction (age of {@code xact_start}) among the client backends of the target
 * database, one for the application and one for zdm, excluding the probe's own backend. Autovacuum
 * and other background workers are not counted.
 */
public final class OldestTransactionProbe implements Probe<OldestTransactionReading> {
    static final String SQL = """
            SELECT DISTINCT ON (zdm) pid, application_name, state, left(query, 2000) AS query, zdm,
                   (extract(epoch FROM clock_timestamp() - xact_start) * 1000)::bigint AS age_ms
              FROM (SELECT a.*, starts_with(coalesce(a.application_name, ''), $1) AS zdm
                      FROM pg_stat_activity a
                     WHERE a.xact_start IS NOT NULL
                       AND a.backend_type = 'client backend'
                       AND a.datname = current_database()
                       AND a.pid <> pg_backend_pid()) s
             ORDER BY zdm, xact_start""";

    @Override
    public Future<OldestTransactionReading> sample(SqlClient client) {
        return client.preparedQuery(SQL).execute(Tuple.of(ZdmSessions.APPLICATION_NAME_PREFIX))
                .map(OldestTransactionProbe::toReading);
    }

    private static OldestTransactionReading toReading(RowSet<Row> rows) {
        Optional<OpenTransaction> application = Optional.empty();
        Optional<OpenTransaction> zdm = Optional.empty();
        for (Row row : rows) {
            OpenTransaction tx = new OpenTransaction(
                    new Session(row.getInteger("pid"), row.getString("application_name"), row.getString("query")),
                    row.getString("state"),
                    nonNegative(row.getLong("age_ms")));
            if (row.getBoolean("zdm")) {
                zdm = Optional.of(tx);
            } else {
                application = Optional.of(tx);
            }
        }
        return new OldestTransactionReading(application, zdm);
    }
}

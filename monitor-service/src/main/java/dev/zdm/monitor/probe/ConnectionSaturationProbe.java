package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

/**
 * Connection saturation: client backends of the whole server (the limit is server-wide) against
 * {@code max_connections}. Background workers and walsenders do not count against that limit and
 * are left out.
 */
public final class ConnectionSaturationProbe implements Probe<ConnectionReading> {
    static final String SQL = """
            SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int AS used,
                   current_setting('max_connections')::int AS max_connections,
                   current_setting('superuser_reserved_connections')::int
                     + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved""";

    @Override
    public Future<ConnectionReading> sample(SqlClient client) {
        return client.query(SQL).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new ConnectionReading(row.getInteger("used"), row.getInteger("max_connections"), row.getInteger("reserved"));
        });
    }
}

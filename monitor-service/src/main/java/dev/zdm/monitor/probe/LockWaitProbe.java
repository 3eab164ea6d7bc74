package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.zdm.monitor.probe.Values.nonNegative;

/**
 * Sessions of the target database waiting on a lock ({@code wait_event_type = 'Lock'}), how long
 * their statement has run, and who blocks them ({@code pg_blocking_pids}). The wait is measured
 * from the waiting statement's {@code query_start} ({@code state_change} when that is unknown), so
 * it is an upper bound: a statement may have run a while before it queued for the lock.
 *
 * <p>A blocker with pid 0 is a prepared transaction; a blocker that ended between the two catalog
 * reads shows with an empty application name. The probe's own backend is never reported.
 */
public final class LockWaitProbe implements Probe<LockWaitReading> {
    static final String SQL = """
            SELECT w.pid, w.application_name, left(w.query, 2000) AS query, w.wait_event,
                   (extract(epoch FROM clock_timestamp() - coalesce(w.query_start, w.state_change)) * 1000)::bigint AS wait_ms,
                   bp.pid AS blocker_pid, b.application_name AS blocker_application,
                   left(b.query, 2000) AS blocker_query
              FROM pg_stat_activity w
              LEFT JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid) ON true
              LEFT JOIN pg_stat_activity b ON b.pid = bp.pid
             WHERE w.wait_event_type = 'Lock'
               AND w.datname = current_database()
               AND w.pid <> pg_backend_pid()
             ORDER BY w.pid, bp.pid""";

    @Override
    public Future<LockWaitReading> sample(SqlClient client) {
        return client.query(SQL).execute().map(LockWaitProbe::toReading);
    }

    private static LockWaitReading toReading(RowSet<Row> rows) {
        Map<Integer, Row> waiters = new LinkedHashMap<>();
        Map<Integer, List<Session>> blockers = new LinkedHashMap<>();
        for (Row row : rows) {
            int pid = row.getInteger("pid");
            waiters.putIfAbsent(pid, row);
            List<Session> list = blockers.computeIfAbsent(pid, p -> new ArrayList<>());
            Integer blocker = row.getInteger("blocker_pid");
            if (blocker != null) {
                list.add(new Session(blocker, row.getString("blocker_application"), row.getString("blocker_query")));
            }
        }
        List<LockWait> waits = new ArrayList<>();
        waiters.forEach((pid, row) -> waits.add(new LockWait(
                new Session(pid, row.getString("application_name"), row.getString("query")),
                nonNegative(row.getLong("wait_ms")),
                row.getString("wait_event"),
                blockers.get(pid))));
        return new LockWaitReading(waits);
    }
}

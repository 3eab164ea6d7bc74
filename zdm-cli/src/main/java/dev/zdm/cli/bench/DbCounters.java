package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Server-wide counters read before and after a window, to tell what a migration cost the server
 * besides CPU: WAL written, checkpoints (a backfill that writes more than {@code max_wal_size} of WAL
 * forces one), and who wrote dirty buffers out: the checkpointer, the background writer, or the
 * backends themselves (the application's sessions among them) when they need a free buffer and
 * find only dirty ones; plus autovacuum runs on the table.
 *
 * @param walBytes          {@code pg_current_wal_lsn()} as a byte position
 * @param checkpointsTimed  {@code pg_stat_bgwriter.checkpoints_timed}
 * @param checkpointsReq    {@code pg_stat_bgwriter.checkpoints_req}
 * @param buffersCheckpoint {@code pg_stat_bgwriter.buffers_checkpoint}
 * @param buffersClean      {@code pg_stat_bgwriter.buffers_clean}
 * @param buffersBackend    {@code pg_stat_bgwriter.buffers_backend}
 * @param autovacuums       {@code pg_stat_user_tables.autovacuum_count} of the benchmark table
 */
record DbCounters(long walBytes, long checkpointsTimed, long checkpointsReq, long buffersCheckpoint, long buffersClean,
                  long buffersBackend, long autovacuums) {
    private static final String QUERY = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, checkpoints_timed, checkpoints_req,"
            + " buffers_checkpoint, buffers_clean, buffers_backend,"
            + " coalesce((SELECT autovacuum_count FROM pg_stat_user_tables WHERE relid = to_regclass('" + BenchTable.TABLE + "')), 0)"
            + " FROM pg_stat_bgwriter";

    /** Reads the counters now; statistics are per transaction, so each read is its own. */
    static DbCounters read(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return new DbCounters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
        }
    }

    /** What changed from {@code before} to this, in one line. Buffers are 8 kB pages. */
    String since(DbCounters before) {
        return String.format(Locale.ROOT, "WAL %,d MB; checkpoints %d requested + %d timed; dirty buffers written by checkpointer %,d, bgwriter %,d, backends %,d; autovacuum runs on the table %d",
                (walBytes - before.walBytes) >> 20, checkpointsReq - before.checkpointsReq, checkpointsTimed - before.checkpointsTimed,
                buffersCheckpoint - before.buffersCheckpoint, buffersClean - before.buffersClean, buffersBackend - before.buffersBackend,
                autovacuums - before.autovacuums);
    }
}

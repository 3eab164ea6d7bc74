package dev.zdm.sync.apply;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.runtime.messaging.Retry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the transactions that wrote a batch are visible to new snapshots.
 *
 * <p>Logical decoding can hand over a transaction the moment its commit record is flushed, while its
 * backend has not yet left the list of running transactions; a statement started in that instant
 * still sees the row as it was before. Since zdm recomputes targets from the source row's current
 * values, applying in that instant would read the old value and conclude nothing changed: a lost
 * update (measured: a few rows in 50,000 at full write speed on two cores). So before a batch is
 * applied, zdm waits until a fresh snapshot sees every writing transaction of the batch as completed.
 * Usually it already does and this is one cheap query.
 */
final class Visibility {
    private static final Logger LOG = LoggerFactory.getLogger(Visibility.class);
    /** How long to wait for a committed transaction to become visible; it takes microseconds unless the server is starved. */
    private static final long MAX_WAIT_MS = 10_000;

    /**
     * Counts the batch's transactions a fresh snapshot does not see as completed. Debezium gives 32-bit
     * xids; the epoch comes from the snapshot's xmax (an xid above the current low half is from the
     * previous epoch).
     */
    private static final String NOT_YET_VISIBLE = "WITH s AS (SELECT pg_current_snapshot() AS snap), "
            + "c AS (SELECT snap, pg_snapshot_xmax(snap)::text::bigint AS cur FROM s) "
            + "SELECT count(*) FROM c, unnest(?::bigint[]) AS x(xid) WHERE NOT pg_visible_in_snapshot(("
            + "(greatest(0, (c.cur >> 32) - CASE WHEN x.xid > (c.cur & 4294967295) THEN 1 ELSE 0 END) << 32) | x.xid)::text::xid8, c.snap)";

    private Visibility() {
    }

    static void await(Connection conn, Collection<Long> xids) throws SQLException {
        if (xids.isEmpty()) return;
        Array array = conn.createArrayOf("bigint", xids.toArray(new Long[0]));
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        long pause = 1;
        long started = System.nanoTime();
        try (PreparedStatement ps = conn.prepareStatement(NOT_YET_VISIBLE)) {
            ps.setArray(1, array);
            for (int round = 0; ; round++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        if (round > 0) LOG.debug("waited {} us for {} decoded transactions to become visible", (System.nanoTime() - started) / 1_000, xids.size());
                        return;
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new ZdmException(ErrorCode.STATEMENT_TIMEOUT, "transactions " + xids + " were decoded as committed but stayed invisible for "
                            + MAX_WAIT_MS + " ms");
                }
                Retry.sleep(pause);
                pause = Math.min(50, pause * 2);
            }
        }
    }
}

package dev.zdm.sync.apply;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.Backoff;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.messaging.Retry;
import java.util.concurrent.ThreadLocalRandom;
import dev.zdm.domain.error.ZdmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The blue-green initial copy: source rows copied to the target in key order, in short batches (each
 * its own transaction), each batch {@code INSERT ... SELECT ... FOR KEY SHARE ... ON CONFLICT DO NOTHING}.
 * It must start only once the capture streams: every change committed after the copy read a row is
 * then applied by the stream, which recomputes the row from the source and so wins over the copy's
 * older read (see {@link ApplySql#copyBatch}). Resumable from a key; re-running it is harmless.
 *
 * <p>The copy ends at the largest key the source holds when it starts. A row past that key was
 * committed after the stream went live, so the stream carries it; without that end, a copy of a table
 * that keeps getting inserts chases the newest key for as long as the inserts come.
 */
public final class InitialCopy {
    /** Attempts of one batch on conflicts before the copy fails. */
    /** A conflicting batch (the stream or the application got there first) is tried again 9 times. */
    private static final Backoff RETRY = new Backoff(50, 2_000, 9, 0);
    /** Sees each finished batch: the last key copied (as text) and the rows the batch inserted. */
    @FunctionalInterface
    public interface Listener {
        void batchDone(List<String> lastKey, int rowsInserted, int batchSize);
    }

    private final Link link;
    private final BatchSizer sizer;

    public InitialCopy(Link link, BatchSizer sizer) {
        this.link = link;
        this.sizer = sizer;
    }

    /**
     * Copies every source row after {@code fromKey} (all rows when null).
     *
     * @param cancelled checked between batches; when true the copy stops where it is
     * @return the rows inserted
     */
    public long run(Connection conn, List<String> fromKey, BooleanSupplier cancelled, Listener listener) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(true);
        try {
            List<String> lower = fromKey;
            long total = 0;
            List<String> end = lastKey(conn);
            if (end == null) return total;
            while (!cancelled.getAsBoolean()) {
                int size = sizer.size();
                long started = System.nanoTime();
                List<String> upper = boundary(conn, lower, end, size);
                if (upper == null) return total;
                int rows = copy(conn, lower, upper);
                sizer.record((System.nanoTime() - started) / 1_000_000);
                total += rows;
                listener.batchDone(upper, rows, size);
                lower = upper;
            }
            throw new ZdmException(ErrorCode.NOT_ALLOWED, "initial copy of " + link.source().displayName() + " cancelled", link.source().displayName());
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** The source's largest key now, where the copy ends; null when the source is empty. */
    private List<String> lastKey(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(ApplySql.copyEnd(link)); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? key(rs) : null;
        }
    }

    /** The key {@code size} rows after {@code lower}, or the last one up to {@code end}; null when none is left. */
    private List<String> boundary(Connection conn, List<String> lower, List<String> end, int size) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(ApplySql.copyBoundary(link, lower != null))) {
            int i = 1;
            if (lower != null) for (String value : lower) ps.setString(i++, value);
            for (String value : end) ps.setString(i++, value);
            ps.setInt(i, size);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? key(rs) : null;
            }
        }
    }

    private List<String> key(ResultSet rs) throws SQLException {
        List<String> key = new ArrayList<>();
        for (int c = 1; c <= link.keyColumns().size(); c++) key.add(rs.getString(c));
        return key;
    }

    /** One batch; a deadlock, serialization failure or lock timeout (the stream or the application got there first) is tried again. */
    private int copy(Connection conn, List<String> lower, List<String> upper) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement ps = conn.prepareStatement(ApplySql.copyBatch(link, lower != null))) {
                int i = 1;
                if (lower != null) for (String value : lower) ps.setString(i++, value);
                for (String value : upper) ps.setString(i++, value);
                return ps.executeUpdate();
            } catch (SQLException e) {
                long delay = RETRY.next(Errors.code(e), attempt, 0, ThreadLocalRandom.current().nextDouble());
                if (delay < 0) throw e;
                Retry.sleep(delay);
            }
        }
    }
}

package dev.zdm.sync.verify;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.sync.apply.Link;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the source (through the mapping) with the target, range by range in key order. Each range
 * is read in one repeatable-read snapshot; a range that differs is checked again after {@link Drain}
 * (the stream may only lag behind the writes), and fails the verify when it still differs after every
 * attempt. Rows the target has beyond the source's last key are caught by a last, open range.
 */
public final class Verifier {
    /** Waits until the sync applied every change committed so far; may do nothing when no sync runs. */
    @FunctionalInterface
    public interface Drain {
        void await();
    }

    /** Sees each range once it matched. */
    @FunctionalInterface
    public interface Listener {
        void rangeDone(long rowsSoFar);
    }

    /** One side of a range: how many rows, and the md5 of their rendering in key order. */
    record Side(long rows, String md5) {
    }

    /** How a verify ended: rows and ranges compared, and how many ranges needed a second look. */
    public record Result(long rows, int ranges, int rechecked) {
    }

    private final Link link;
    private final int chunkRows;
    private final int attempts;

    public Verifier(Link link, int chunkRows, int attempts) {
        this.link = Objects.requireNonNull(link, "link");
        this.chunkRows = chunkRows;
        this.attempts = Math.max(1, attempts);
    }

    /** Runs the comparison; throws {@code VERIFY_MISMATCH} naming the first range that kept differing. */
    public Result run(Connection conn, Drain drain, Listener listener) throws SQLException {
        List<String> lower = null;
        long rows = 0;
        int ranges = 0;
        int rechecked = 0;
        while (true) {
            List<String> upper = boundary(conn, lower);
            int tries = 0;
            Side[] sides = compare(conn, lower, upper);
            while (!sides[0].equals(sides[1])) {
                if (++tries >= attempts) throw mismatch(conn, lower, upper, sides);
                rechecked++;
                drain.await();
                sides = compare(conn, lower, upper);
            }
            rows += sides[0].rows();
            ranges++;
            listener.rangeDone(rows);
            if (upper == null) return new Result(rows, ranges, rechecked);
            lower = upper;
        }
    }

    private List<String> boundary(Connection conn, List<String> lower) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(VerifySql.boundary(link, lower != null))) {
            int i = bind(ps, 1, lower);
            ps.setInt(i, chunkRows);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                List<String> key = new ArrayList<>();
                for (int c = 1; c <= link.keyColumns().size(); c++) key.add(rs.getString(c));
                return key;
            }
        }
    }

    /** Both sides of {@code (lower, upper]} read in one snapshot. */
    private Side[] compare(Connection conn, List<String> lower, List<String> upper) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Side source = side(conn, VerifySql.sourceChecksum(link, lower != null, upper != null), lower, upper);
            Side target = side(conn, VerifySql.targetChecksum(link, lower != null, upper != null), lower, upper);
            conn.commit();
            return new Side[] {source, target};
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            conn.setAutoCommit(auto);
        }
    }

    private Side side(Connection conn, String sql, List<String> lower, List<String> upper) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, bind(ps, 1, lower), upper);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Side(rs.getLong(1), rs.getString(2));
            }
        }
    }

    private ZdmException mismatch(Connection conn, List<String> lower, List<String> upper, Side[] sides) throws SQLException {
        String first = null;
        try (PreparedStatement ps = conn.prepareStatement(VerifySql.firstDifference(link, lower != null, upper != null))) {
            int i = bind(ps, bind(ps, 1, lower), upper);
            bind(ps, bind(ps, i, lower), upper);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    List<String> key = new ArrayList<>();
                    for (int c = 1; c <= link.keyColumns().size(); c++) key.add(rs.getString(c));
                    first = String.join(", ", key);
                }
            }
        }
        String range = link.keyColumns() + " in (" + (lower == null ? "start" : String.join(", ", lower)) + ", "
                + (upper == null ? "end" : String.join(", ", upper)) + "]";
        return new ZdmException(ErrorCode.VERIFY_MISMATCH, link.source().displayName() + " and " + link.target().displayName()
                + " differ for keys " + range + ": source " + sides[0].rows() + " rows (md5 " + sides[0].md5() + "), target "
                + sides[1].rows() + " rows (md5 " + sides[1].md5() + ")" + (first == null ? "" : "; first differing key: " + first)
                + (attempts == 1 ? " (checked once)" : " (checked " + attempts + " times, draining the sync between)"), link.target().displayName());
    }

    private static int bind(PreparedStatement ps, int from, List<String> key) throws SQLException {
        if (key == null) return from;
        int i = from;
        for (String value : key) ps.setString(i++, value);
        return i;
    }
}

package dev.zdm.sync.switchover;

import static dev.zdm.domain.sql.Identifiers.quote;

import dev.zdm.sync.db.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequences are not replicated: before green takes blue's name, each sequence green owns is set past
 * both the same-named column's sequence on blue and green's own largest value, so the first insert
 * after the switch cannot reuse an id.
 */
final class Sequences {
    /** One sequence moved: which, and to what. */
    record Moved(String sequence, long value) {
    }

    private Sequences() {
    }

    static List<Moved> advance(Connection conn, TableInfo blue, TableInfo green) throws SQLException {
        List<Moved> moved = new ArrayList<>();
        for (String column : green.columns().keySet()) {
            String greenSeq = sequenceOf(conn, green, column);
            if (greenSeq == null) continue;
            String blueSeq = blue.columns().containsKey(column) ? sequenceOf(conn, blue, column) : null;
            String sql = "SELECT setval(?::regclass, v) FROM (SELECT greatest("
                    + (blueSeq == null ? "NULL" : "(SELECT last_value FROM " + blueSeq + ")")
                    + ", (SELECT max(" + quote(column) + ")::bigint FROM " + green.qualified() + ")"
                    + ", (SELECT last_value FROM " + greenSeq + ")) AS v) AS s WHERE v IS NOT NULL";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, greenSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) moved.add(new Moved(greenSeq, rs.getLong(1)));
                }
            }
        }
        return moved;
    }

    private static String sequenceOf(Connection conn, TableInfo table, String column) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, table.qualified());
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

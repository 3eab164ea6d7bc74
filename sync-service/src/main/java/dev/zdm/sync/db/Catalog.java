package dev.zdm.sync.db;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link TableInfo} from the catalog. */
public final class Catalog {
    private static final String TABLE = "SELECT c.oid, n.nspname, c.relname, c.relreplident FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')";
    private static final String TABLE_BY_OID = "SELECT c.oid, n.nspname, c.relname, c.relreplident FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?";
    private static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname FROM pg_attribute a "
            + "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    private static final String INDEXES = "SELECT (SELECT ic.relname FROM pg_class ic WHERE ic.oid = i.indexrelid), i.indisprimary, i.indisreplident, "
            + "array_agg(a.attname ORDER BY k.ord) FROM pg_index i "
            + "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true "
            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
            + "WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL "
            + "GROUP BY i.indexrelid, i.indisprimary, i.indisreplident";

    private Catalog() {
    }

    /** The table whose schema and name are exactly {@code name}'s (nothing folded), or {@code UNKNOWN_TABLE}. */
    public static TableInfo describe(Connection conn, TableName name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(TABLE)) {
            ps.setString(1, name.schema());
            ps.setString(2, name.name());
            return read(conn, ps, name.qualified());
        }
    }

    /** The table with OID {@code oid} under its current name, or {@code UNKNOWN_TABLE}. */
    public static TableInfo describe(Connection conn, long oid) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(TABLE_BY_OID)) {
            ps.setLong(1, oid);
            return read(conn, ps, "oid " + oid);
        }
    }

    private static TableInfo read(Connection conn, PreparedStatement ps, String what) throws SQLException {
        long oid;
        String schema;
        String relname;
        char identity;
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new ZdmException(ErrorCode.UNKNOWN_TABLE, "table " + what + " does not exist", what);
            oid = rs.getLong(1);
            schema = rs.getString(2);
            relname = rs.getString(3);
            identity = rs.getString(4).charAt(0);
        }
        Map<String, TableInfo.Column> columns = new LinkedHashMap<>();
        try (PreparedStatement cs = conn.prepareStatement(COLUMNS)) {
            cs.setLong(1, oid);
            try (ResultSet rs = cs.executeQuery()) {
                while (rs.next()) columns.put(rs.getString(1), new TableInfo.Column(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        List<String> primaryKey = List.of();
        List<List<String>> unique = new ArrayList<>();
        String identityIndex = null;
        List<String> identityColumns = List.of();
        try (PreparedStatement is = conn.prepareStatement(INDEXES)) {
            is.setLong(1, oid);
            try (ResultSet rs = is.executeQuery()) {
                while (rs.next()) {
                    List<String> cols = List.of((String[]) rs.getArray(4).getArray());
                    unique.add(cols);
                    if (rs.getBoolean(2)) primaryKey = cols;
                    if (rs.getBoolean(3)) {
                        identityIndex = rs.getString(1);
                        identityColumns = cols;
                    }
                }
            }
        }
        return new TableInfo(oid, schema, relname, columns, primaryKey, unique, identity, identityIndex, identityColumns);
    }
}

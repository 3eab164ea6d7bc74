package dev.zdm.infra.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for tests: run SQL, read one value. */
public final class Db {
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private final String url;

    public Db(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    public void exec(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code sql} in its own transaction, again when PostgreSQL chose it as a deadlock victim or failed
     * it on a serialization conflict (up to five tries), as the executor does with a backfill batch. For
     * multi-row writes that race a sync's apply, which locks the same rows in its own order.
     */
    public void execRetryingConflicts(String sql) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                boolean conflict = DEADLOCK_DETECTED.equals(e.getSQLState()) || SERIALIZATION_FAILURE.equals(e.getSQLState());
                if (!conflict || attempt >= 5) throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }
    }

    public String one(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(one(sql));
    }

    /** zdm slots and publications left in this database. */
    public long zdmLeftovers() {
        return count("SELECT (SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'zdm\\_%' AND database = current_database())"
                + " + (SELECT count(*) FROM pg_publication WHERE pubname LIKE 'zdm\\_%')");
    }
}

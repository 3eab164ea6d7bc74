package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One application connection and its statements: 60% point reads, 30% updates, 10% inserts on
 * {@link BenchTable#TABLE}, each its own autocommit transaction. The application writes both the old
 * and the new column (it is the version deployed after the expand phase), so its inserts and updates
 * never leave work for the backfill. No {@code statement_timeout}, no {@code lock_timeout}: it waits
 * as a real application does. Not thread-safe: one worker owns it.
 */
final class AppSession implements AutoCloseable {
    /** {@code application_name} of the application's sessions. */
    static final String APPLICATION_NAME = "bench-app";

    private final String jdbcUrl;
    private final AtomicLong maxId;
    private Connection conn;
    private PreparedStatement read;
    private PreparedStatement update;
    private PreparedStatement insert;

    AppSession(String jdbcUrl, AtomicLong maxId) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.maxId = maxId;
        open();
    }

    private void open() throws SQLException {
        conn = DriverManager.getConnection(jdbcUrl);
        try (Statement s = conn.createStatement()) {
            s.execute("SET application_name = '" + APPLICATION_NAME + "'");
            s.execute("SET statement_timeout = 0");
            s.execute("SET lock_timeout = 0");
        }
        String t = BenchTable.TABLE;
        read = conn.prepareStatement("SELECT email, amount, " + BenchTable.NEW_COLUMN + " FROM " + t + " WHERE id = ?");
        update = conn.prepareStatement("UPDATE " + t + " SET amount = ?, " + BenchTable.NEW_COLUMN + " = ?::bigint * 100, updated_at = now() WHERE id = ?");
        insert = conn.prepareStatement("INSERT INTO " + t + " (account_id, email, amount, note, updated_at, " + BenchTable.NEW_COLUMN
                + ") VALUES (?, ?, ?, ?, now(), ?::bigint * 100) RETURNING id");
    }

    /** The kind of the next transaction: 60% reads, 30% updates, 10% inserts. */
    static TxKind pick() {
        int pick = ThreadLocalRandom.current().nextInt(100);
        return pick < 60 ? TxKind.READ : pick < 90 ? TxKind.UPDATE : TxKind.INSERT;
    }

    /** Runs one transaction of {@code kind}. */
    void run(TxKind kind) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id = 1 + random.nextLong(maxId.get());
        int amount = random.nextInt(1000);
        switch (kind) {
            case READ -> {
                read.setLong(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                }
            }
            case UPDATE -> {
                update.setInt(1, amount);
                update.setInt(2, amount);
                update.setLong(3, id);
                update.executeUpdate();
            }
            default -> {
                insert.setInt(1, random.nextInt(10_000));
                insert.setString(2, "app-" + random.nextLong(Long.MAX_VALUE) + "@example.com");
                insert.setInt(3, amount);
                insert.setString(4, "inserted by the application while the migration runs");
                insert.setInt(5, amount);
                try (ResultSet rs = insert.executeQuery()) {
                    if (rs.next()) maxId.accumulateAndGet(rs.getLong(1), Math::max);
                }
            }
        }
    }

    /** After a failure: reopens the connection when it is broken, keeps it otherwise. */
    void recover() throws SQLException {
        if (conn.isValid(2)) return;
        close();
        open();
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // closing a broken connection: nothing left to release on this side
        }
    }
}

package dev.zdm.sync.cdc;

import dev.zdm.sync.db.DbTarget;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offsets in {@code zdm.sync_offsets}, one set per replication slot. The engine writes here
 * only offsets of records the sync has marked processed, that is, applied and committed; so after a
 * crash the stream resumes at or before the first change not yet applied, never after it (re-applying
 * is harmless: zdm's apply is idempotent). Debezium instantiates this class by name and configures it
 * with the engine's properties: the connection from {@code database.*}, the slot from {@link #SLOT}.
 * Calls come from the engine's threads, one at a time.
 */
public final class JdbcOffsetStore implements OffsetBackingStore {
    /** Engine property naming the slot whose offsets this store keeps. */
    public static final String SLOT = "zdm.offsets.slot";

    private DbTarget db;
    private String slot;
    private Connection conn;

    @Override
    public void configure(WorkerConfig config) {
        Map<String, String> props = config.originalsStrings();
        slot = require(props, SLOT);
        db = new DbTarget("offsets", require(props, "database.hostname"), Integer.parseInt(require(props, "database.port")),
                require(props, "database.dbname"), require(props, "database.user"), props.get("database.password"));
    }

    @Override
    public synchronized void start() {
        connection();
    }

    @Override
    public synchronized void stop() {
        if (conn == null) return;
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing a connection that is already broken: nothing left to release
        }
        conn = null;
    }

    @Override
    public synchronized Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
        try (PreparedStatement ps = connection().prepareStatement("SELECT offset_key, offset_value FROM zdm.sync_offsets WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ByteBuffer key = ByteBuffer.wrap(rs.getBytes(1));
                    byte[] value = rs.getBytes(2);
                    if (keys.contains(key)) out.put(key, value == null ? null : ByteBuffer.wrap(value));
                }
            }
            return CompletableFuture.completedFuture(out);
        } catch (SQLException | RuntimeException | AssertionError e) {
            SQLException cause = asSql(e);
            reset();
            return CompletableFuture.failedFuture(new ConnectException("cannot read offsets of slot " + slot + ": " + cause.getMessage(), cause));
        }
    }

    @Override
    public synchronized Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        try (PreparedStatement ps = connection().prepareStatement("INSERT INTO zdm.sync_offsets (slot_name, offset_key, offset_value) "
                + "VALUES (?, ?, ?) ON CONFLICT (slot_name, offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()")) {
            for (var entry : values.entrySet()) {
                ps.setString(1, slot);
                ps.setBytes(2, bytes(entry.getKey()));
                ps.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
            if (callback != null) callback.onCompletion(null, null);
            return CompletableFuture.completedFuture(null);
        } catch (SQLException | RuntimeException | AssertionError e) {
            SQLException cause = asSql(e);
            reset();
            ConnectException error = new ConnectException("cannot store offsets of slot " + slot + ": " + cause.getMessage(), cause);
            if (callback != null) callback.onCompletion(error, null);
            return CompletableFuture.failedFuture(error);
        }
    }

    /**
     * What went wrong, as an SQLException the one classifier understands. The driver reports a
     * connection that broke under a batch as an {@code AssertionError} ("getAutoCommit() should not
     * throw"), not as a lost connection; when the connection is no longer usable, it is one (08006),
     * so a database restart is waited out instead of failing the sync.
     */
    private SQLException asSql(Throwable e) {
        if (e instanceof SQLException sql) return sql.getNextException() != null ? sql.getNextException() : sql;
        return new SQLException("offset store: " + e, usable() ? null : "08006", e);
    }

    private boolean usable() {
        try {
            return conn != null && !conn.isClosed() && conn.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    /** Forgets every offset of {@code slot}: a later start of a slot of that name begins afresh. */
    public static void delete(Connection conn, String slot) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM zdm.sync_offsets WHERE slot_name = ?")) {
            ps.setString(1, slot);
            ps.executeUpdate();
        }
    }

    private Connection connection() {
        try {
            if (conn == null || conn.isClosed()) conn = db.connect("offsets");
            return conn;
        } catch (SQLException e) {
            throw new ConnectException("cannot connect to " + db.describe() + " for offsets: " + e.getMessage(), e);
        }
    }

    private void reset() {
        stop();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private static String require(Map<String, String> props, String key) {
        String value = props.get(key);
        if (value == null) throw new ConnectException("offset store needs engine property " + key);
        return value;
    }
}

package dev.zdm.sync.cdc;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.sql.Identifiers;
import dev.zdm.runtime.messaging.Retry;
import dev.zdm.sync.db.Ddl;
import dev.zdm.sync.lag.SlotInspector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and drops zdm's logical replication slots and publications. Every name must carry the
 * {@code zdm_} prefix; nothing else is ever touched.
 *
 * <p>Creating a logical slot waits for every transaction that has written and is still open (it needs
 * a consistent starting point), so a long application transaction can hold it for as long as it runs.
 * {@link #createSlot} bounds that wait and, when it runs out, names the transactions it waited for.
 */
public final class Slots {
    private static final Logger LOG = LoggerFactory.getLogger(Slots.class);
    /** How long a dropped slot's sender may take to go away by itself before zdm ends it. */
    private static final long RELEASE_WAIT_MS = 5_000;

    private Slots() {
    }

    /**
     * Creates the {@code pgoutput} slot {@code slot} unless it exists, waiting at most {@code timeoutMs}.
     *
     * @return true when it was created now, false when it existed
     * @throws ZdmException {@code LOCK_TIMEOUT} (retriable) naming the open writing transactions when the wait ran out
     */
    public static boolean createSlot(Connection conn, String slot, long timeoutMs) throws SQLException {
        requireZdm(slot);
        if (exists(conn, slot)) return false;
        try (Statement s = conn.createStatement()) {
            s.execute("SET statement_timeout = " + timeoutMs);
            try (PreparedStatement ps = conn.prepareStatement("SELECT lsn FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
                ps.setString(1, slot);
                ps.executeQuery().close();
            } catch (SQLException e) {
                if (!SqlStates.QUERY_CANCELED.equals(e.getSQLState())) throw e;
                throw new ZdmException(ErrorCode.LOCK_TIMEOUT, "creating replication slot " + slot + " waited " + timeoutMs
                        + " ms for transactions that were writing when it started: " + describe(writingTransactions(conn))
                        + "; end or commit them, or retry when they are done", slot, e.getSQLState(), e);
            } finally {
                s.execute("RESET statement_timeout");
            }
        }
        LOG.info("created replication slot {}", slot);
        return true;
    }

    public static boolean exists(Connection conn, String slot) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Drops {@code slot} when it exists. A slot still held by its sender (the engine just stopped) is
     * given a few seconds to be released, then its sender is ended: it can only be zdm's own.
     */
    public static void dropSlot(Connection conn, String slot) throws SQLException {
        requireZdm(slot);
        long deadline = System.currentTimeMillis() + RELEASE_WAIT_MS;
        while (true) {
            Integer activePid = activePid(conn, slot);
            if (activePid == null && !exists(conn, slot)) return;
            if (activePid == null) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                    ps.setString(1, slot);
                    ps.executeQuery().close();
                    if (!exists(conn, slot)) {
                        LOG.info("dropped replication slot {}", slot);
                        return;
                    }
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState())) throw e;
                }
            } else if (System.currentTimeMillis() > deadline) {
                LOG.warn("replication slot {} still held by pid {}; ending that sender", slot, activePid);
                try (PreparedStatement ps = conn.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, activePid);
                    ps.executeQuery().close();
                }
            }
            Retry.sleep(100);
        }
    }

    /** Creates {@code publication} for exactly {@code tables} (qualified names) unless it exists. */
    public static void createPublication(Connection conn, String publication, List<String> tables, long lockTimeoutMs, int attempts)
            throws SQLException {
        requireZdm(publication);
        if (publicationExists(conn, publication)) return;
        // through the partitioned root: a partition's changes arrive under the table the sync was asked for (no-op for plain tables)
        Ddl.run(conn, "CREATE PUBLICATION " + Identifiers.quote(publication) + " FOR TABLE " + String.join(", ", tables)
                        + " WITH (publish_via_partition_root = true)",
                lockTimeoutMs, attempts);
        LOG.info("created publication {} for {}", publication, tables);
    }

    public static void dropPublication(Connection conn, String publication) throws SQLException {
        requireZdm(publication);
        try (Statement s = conn.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS " + Identifiers.quote(publication));
        }
    }

    public static boolean publicationExists(Connection conn, String publication) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One open transaction that has written: what a new slot waits for. */
    public record WritingTransaction(int pid, String user, String application, String state, long ageMs, String query) {
    }

    /** The oldest open transactions that hold a transaction id (have written), at most five. */
    public static List<WritingTransaction> writingTransactions(Connection conn) throws SQLException {
        List<WritingTransaction> out = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid, usename, application_name, state, "
                     + "(extract(epoch FROM clock_timestamp() - xact_start) * 1000)::bigint, left(query, 120) FROM pg_stat_activity "
                     + "WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                     + "ORDER BY xact_start LIMIT 5")) {
            while (rs.next()) {
                out.add(new WritingTransaction(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)));
            }
        }
        return out;
    }

    static String describe(List<WritingTransaction> blockers) {
        if (blockers.isEmpty()) return "none found any more";
        return blockers.stream().map(b -> "pid " + b.pid() + " (" + b.user() + ", " + (b.application().isEmpty() ? "no application_name" : b.application())
                + ", " + b.state() + ", transaction open " + b.ageMs() + " ms: " + b.query().replaceAll("\\s+", " ") + ")")
                .collect(Collectors.joining("; "));
    }

    private static Integer activePid(Connection conn, String slot) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                int pid = rs.getInt(1);
                return rs.wasNull() ? null : pid;
            }
        }
    }

    private static void requireZdm(String name) {
        if (!name.startsWith(SlotInspector.SLOT_PREFIX)) throw new IllegalArgumentException("not a zdm slot or publication: " + name);
    }
}

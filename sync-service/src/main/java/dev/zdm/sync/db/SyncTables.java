package dev.zdm.sync.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sync service's own tables in the {@code zdm} control schema, created idempotently (under an
 * advisory lock, so several processes starting at once do not race on {@code CREATE TABLE IF NOT EXISTS}):
 * <ul>
 *   <li>{@code zdm.sync_offsets}: Debezium's source offsets per replication slot, written only after the
 *       changes up to them were applied;</li>
 *   <li>{@code zdm.sync_sessions}: one row per migration with a sync: its slot, current direction and
 *       state, so a restarted sync service resumes what was running.</li>
 * </ul>
 */
public final class SyncTables {
    /** Arbitrary but fixed: serializes the creation of the sync tables across processes. */
    private static final long ADVISORY_LOCK_KEY = 0x7A646D5F73796E63L;

    private static final String DDL = "CREATE SCHEMA IF NOT EXISTS zdm;"
            + "CREATE TABLE IF NOT EXISTS zdm.sync_offsets ("
            + " slot_name text NOT NULL, offset_key bytea NOT NULL, offset_value bytea,"
            + " updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (slot_name, offset_key));"
            + "CREATE TABLE IF NOT EXISTS zdm.sync_sessions ("
            + " migration_id text PRIMARY KEY, target text NOT NULL, slot_name text NOT NULL, state text NOT NULL,"
            + " phase_id text, session jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());";

    private SyncTables() {
    }

    /** The DDL, guarded by the advisory lock, as one simple-protocol batch (for clients that run it themselves). */
    public static String guardedDdl() {
        return "SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ");" + DDL;
    }

    /** Creates the tables when missing; safe to call from any number of processes at once. */
    public static void ensure(Connection conn) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement s = conn.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
            s.execute(DDL);
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }
}

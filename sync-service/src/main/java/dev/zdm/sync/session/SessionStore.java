package dev.zdm.sync.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@link SessionRecord}s in {@code zdm.sync_sessions} (the record as JSON). */
public final class SessionStore {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SessionStore() {
    }

    /** Inserts or replaces the migration's row; runs in the caller's transaction, if any. */
    public static void save(Connection conn, SessionRecord record) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO zdm.sync_sessions (migration_id, target, slot_name, state, phase_id, session) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (migration_id) DO UPDATE SET target = EXCLUDED.target, slot_name = EXCLUDED.slot_name, "
                + "state = EXCLUDED.state, phase_id = EXCLUDED.phase_id, session = EXCLUDED.session, updated_at = now()")) {
            ps.setString(1, record.spec().migrationId());
            ps.setString(2, record.spec().target());
            ps.setString(3, record.slot());
            ps.setString(4, record.state().name());
            ps.setString(5, record.phaseId());
            ps.setString(6, write(record));
            ps.executeUpdate();
        }
    }

    public static Optional<SessionRecord> load(Connection conn, String migrationId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT session FROM zdm.sync_sessions WHERE migration_id = ?")) {
            ps.setString(1, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Sessions that were running when their process went away: to resume. */
    public static List<SessionRecord> running(Connection conn) throws SQLException {
        List<SessionRecord> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT session FROM zdm.sync_sessions WHERE state IN ('STARTING', 'COPYING', 'STREAMING') "
                + "ORDER BY updated_at")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs.getString(1)));
            }
        }
        return out;
    }

    public static void delete(Connection conn, String migrationId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM zdm.sync_sessions WHERE migration_id = ?")) {
            ps.setString(1, migrationId);
            ps.executeUpdate();
        }
    }

    static String write(SessionRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new ZdmException(ErrorCode.INTERNAL, "cannot write sync session as JSON: " + e.getMessage());
        }
    }

    static SessionRecord read(String json) {
        try {
            return JSON.readValue(json, SessionRecord.class);
        } catch (JsonProcessingException e) {
            throw new ZdmException(ErrorCode.INTERNAL, "cannot read sync session from JSON: " + e.getMessage());
        }
    }
}

package dev.zdm.sync.session;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.cdc.JdbcOffsetStore;
import dev.zdm.sync.cdc.Slots;
import dev.zdm.sync.db.Ddl;
import dev.zdm.sync.db.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What START does to the database before the engine runs, and what STOP undoes: replica identity where
 * old images are needed, the publication, the slot.
 *
 * <p>Replica identity: dual-write compares old and new images of the watched columns (so that zdm's
 * echo and a newer application's write of the new shape are not copied over), which needs
 * {@code REPLICA IDENTITY FULL} on the table. Blue-green only needs the key of a deleted or re-keyed
 * row, so only a table whose identity does not cover the key (no primary key, or a different one) gets
 * {@code FULL}; that includes green when a reverse sync will capture it after the switch. A table with
 * no identity at all must not even join a publication that publishes updates (its updates would fail),
 * so identity is always set before the publication is created, and restored only after it was dropped.
 */
final class Preparation {
    private static final Logger LOG = LoggerFactory.getLogger(Preparation.class);

    private Preparation() {
    }

    /** Checks that every mapping expression compiles against its source table (no rows are read). */
    static void checkExpressions(Connection conn, Link link) throws SQLException {
        String select = String.join(", ", link.mapping().values().stream().map(e -> "(" + e + ")").toList());
        try (Statement s = conn.createStatement()) {
            s.execute("SELECT " + select + " FROM " + link.source().qualified() + " LIMIT 0");
        } catch (SQLException e) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "a mapping expression of " + link.describe() + " does not compile: "
                    + e.getMessage(), link.source().displayName(), e.getSQLState(), e);
        }
    }

    /** The tables whose identity START must set to FULL, with what to restore them to. */
    static List<SessionRecord.IdentityRestore> identitiesToChange(SyncMode mode, Link forward, Link reverse) {
        List<SessionRecord.IdentityRestore> out = new ArrayList<>();
        TableInfo source = forward.source();
        if (mode == SyncMode.DUAL_WRITE) {
            if (source.replicaIdentity() != 'f') out.add(new SessionRecord.IdentityRestore(source.oid(), source.identityClause()));
            return out;
        }
        if (!source.identityColumns().containsAll(forward.keyColumns())) {
            out.add(new SessionRecord.IdentityRestore(source.oid(), source.identityClause()));
        }
        TableInfo green = forward.target();
        if (reverse != null && !green.identityColumns().containsAll(forward.keyColumns())) {
            out.add(new SessionRecord.IdentityRestore(green.oid(), green.identityClause()));
        }
        return out;
    }

    static void setFull(Connection conn, List<SessionRecord.IdentityRestore> tables, SessionSettings settings) throws SQLException {
        for (var table : tables) {
            Ddl.run(conn, "ALTER TABLE " + regclass(conn, table.oid()) + " REPLICA IDENTITY FULL", settings.ddlLockTimeoutMs(), settings.ddlAttempts());
            LOG.info("replica identity of {} set to FULL (was {})", regclass(conn, table.oid()), table.clause());
        }
    }

    /** Puts back each identity zdm changed; a table that is gone is skipped, a failure is logged and the rest go on. */
    static void restore(Connection conn, List<SessionRecord.IdentityRestore> tables, SessionSettings settings) {
        for (var table : tables) {
            try {
                String name = regclass(conn, table.oid());
                if (name == null) continue;
                Ddl.run(conn, "ALTER TABLE " + name + " REPLICA IDENTITY " + table.clause(), settings.ddlLockTimeoutMs(), settings.ddlAttempts());
                LOG.info("replica identity of {} restored to {}", name, table.clause());
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not restore replica identity {} of table oid {}: {}", table.clause(), table.oid(), e.toString());
            }
        }
    }

    /**
     * Publication then slot: the slot's starting point must come after the publication exists. A slot
     * created now starts afresh: offsets an earlier slot of that name left behind (a cleanup cut short)
     * would point the engine at WAL the new slot never had.
     */
    static void createCapture(Connection conn, String slot, TableInfo source, SessionSettings settings) throws SQLException {
        Slots.createPublication(conn, slot, List.of(source.qualified()), settings.ddlLockTimeoutMs(), settings.ddlAttempts());
        if (Slots.createSlot(conn, slot, settings.slotCreateTimeoutMs())) JdbcOffsetStore.delete(conn, slot);
    }

    /** The table's current qualified name, or null when no table has that OID any more. */
    static String regclass(Connection conn, long oid) throws SQLException {
        try (var ps = conn.prepareStatement("SELECT c.oid::regclass::text FROM pg_class c WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

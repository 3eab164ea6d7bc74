package dev.zdm.sync.apply;

import dev.zdm.domain.error.Backoff;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.domain.sql.TableName;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.runtime.messaging.Retry;
import dev.zdm.sync.cdc.CapturedEvent;
import dev.zdm.sync.db.DbTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches of captured changes through the current {@link Link}, each batch in one transaction
 * on the applier's own connection. Called on the capture's thread, one batch at a time; the link may
 * be replaced from another thread between batches. Conflicts and lost connections are retried with
 * backoff (the apply is idempotent); anything else, or too many attempts, is thrown as a
 * {@link ZdmException} naming the table.
 */
public final class Applier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

    private final DbTarget db;
    private final Backoff backoff;
    private volatile Link link;
    private Connection conn;

    /** @param backoff when a failed batch is tried again: conflicts by count, a lost database for the outage window */
    public Applier(DbTarget db, Link link, Backoff backoff) {
        this.db = db;
        this.link = Objects.requireNonNull(link, "link");
        this.backoff = backoff;
    }

    public Link link() {
        return link;
    }

    /** Replaces the direction; takes effect from the next batch. */
    public void link(Link next) {
        this.link = Objects.requireNonNull(next, "link");
        LOG.info("apply now {}", next.describe());
    }

    /** What one batch did: the changes that needed an apply (not echoes, not other tables), and the target rows written. */
    public record Applied(List<CapturedEvent.Change> changes, int rowsWritten) {
    }

    /** Applies the row changes of one batch (changes of other tables than the link's source are skipped). */
    public Applied apply(List<CapturedEvent.Change> changes) {
        Link current = link;
        KeyBatch keys = new KeyBatch(current);
        TableName source = current.source().tableName();
        List<CapturedEvent.Change> relevant = new ArrayList<>();
        for (CapturedEvent.Change change : changes) {
            if (!source.equals(change.table())) continue;
            if (current.mode() == SyncMode.DUAL_WRITE) {
                if (!Gate.needsApply(change, current.watched())) continue;
                keys.addFrom(change.after());
            } else {
                keys.addFrom(change.before());
                keys.addFrom(change.after());
            }
            relevant.add(change);
        }
        if (keys.isEmpty()) return new Applied(List.of(), 0);
        Set<Long> xids = new HashSet<>();
        for (CapturedEvent.Change change : relevant) xids.add(change.txId());
        return Retry.blocking(backoff, "applying " + keys.size() + " changed keys of " + source + " to " + current.target().displayName(),
                source.qualified(), () -> {
                    try {
                        return new Applied(relevant, write(current, keys, xids));
                    } catch (SQLException e) {
                        // a broken connection is replaced on the next attempt
                        if (Errors.code(e) == ErrorCode.CONNECTION_LOST) closeQuietly();
                        throw e;
                    }
                }, (attempt, failure, delay) -> LOG.info("apply to {} attempt {} failed ({}: {}), retrying in {} ms", current.target().displayName(),
                        attempt, failure.code().code(), failure.getMessage(), delay));
    }

    private int write(Link current, KeyBatch keys, Set<Long> xids) throws SQLException {
        Connection c = connection();
        try {
            Visibility.await(c, xids);
            int rows;
            if (current.mode() == SyncMode.DUAL_WRITE) {
                rows = execute(c, ApplySql.dualWrite(current), keys);
            } else {
                rows = execute(c, ApplySql.upsert(current), keys);
                rows += execute(c, ApplySql.delete(current), keys);
            }
            c.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; it is replaced on the next attempt
            }
            throw e;
        }
    }

    private static int execute(Connection c, String sql, KeyBatch keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            keys.bind(c, ps);
            return ps.executeUpdate();
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = db.connect("apply");
            conn.setAutoCommit(false);
        }
        return conn;
    }

    private void closeQuietly() {
        if (conn == null) return;
        try {
            conn.close();
        } catch (SQLException ignored) {
            // already broken
        }
        conn = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}

package dev.zdm.sync.switchover;

import static dev.zdm.domain.sql.Identifiers.quote;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.sync.db.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at the cut-over (see the package doc). The caller retries a {@code LOCK_TIMEOUT}, a deadlock or a
 * serialization failure later: each rolls the attempt back whole.
 */
public final class Switchover {
    private static final Logger LOG = LoggerFactory.getLogger(Switchover.class);

    /** Waits until every change committed so far is applied; false when {@code timeoutMs} ran out first. */
    @FunctionalInterface
    public interface Drain {
        boolean await(long timeoutMs);
    }

    /** Runs inside the switch transaction after the renames, before commit: turn the sync around and record it. */
    @FunctionalInterface
    public interface Turn {
        void apply(Connection conn) throws SQLException;
    }

    /**
     * What to switch.
     *
     * @param publication the sync's publication, moved to the table that now carries blue's name
     * @param lockTimeoutMs bounds each lock wait (and so how long writers may queue behind the switch)
     * @param drainTimeoutMs bounds the drain while writes are held off
     */
    public record Plan(TableInfo blue, TableInfo green, String retiredName, String publication, long lockTimeoutMs, long drainTimeoutMs) {
        public Plan {
            Objects.requireNonNull(blue, "blue");
            Objects.requireNonNull(green, "green");
            Objects.requireNonNull(retiredName, "retiredName");
            Objects.requireNonNull(publication, "publication");
        }
    }

    /** How the switch went: how long writes to blue were held off, and the sequences moved. */
    public record Result(long writeStallMs, long drainMs, List<Sequences.Moved> sequences) {
    }

    private Switchover() {
    }

    public static Result run(Connection conn, Plan plan, Drain drain, Turn turn) throws SQLException {
        String blue = plan.blue().qualified();
        String green = plan.green().qualified();
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement s = conn.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + plan.lockTimeoutMs());
            s.execute("LOCK TABLE " + blue + " IN EXCLUSIVE MODE");
            long locked = System.nanoTime();
            if (!drain.await(plan.drainTimeoutMs())) {
                throw new ZdmException(ErrorCode.LOCK_TIMEOUT, "the sync did not catch up within " + plan.drainTimeoutMs()
                        + " ms while writes to " + plan.blue().displayName() + " were held; switch given up, to be tried again", plan.blue().displayName());
            }
            long drained = System.nanoTime();
            s.execute("LOCK TABLE " + green + " IN ACCESS EXCLUSIVE MODE");
            List<Sequences.Moved> moved = Sequences.advance(conn, plan.blue(), plan.green());
            s.execute("ALTER TABLE " + blue + " RENAME TO " + quote(plan.retiredName()));
            s.execute("ALTER TABLE " + green + " RENAME TO " + quote(plan.blue().name()));
            s.execute("ALTER PUBLICATION " + quote(plan.publication()) + " SET TABLE " + blue);
            turn.apply(conn);
            conn.commit();
            long stall = (System.nanoTime() - locked) / 1_000_000;
            LOG.info("switched {} -> {} (retired {}): writes held {} ms, drain {} ms, sequences {}", plan.green().displayName(),
                    plan.blue().displayName(), plan.retiredName(), stall, (drained - locked) / 1_000_000, moved);
            return new Result(stall, (drained - locked) / 1_000_000, moved);
        } catch (SQLException e) {
            conn.rollback();
            if (SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new ZdmException(ErrorCode.LOCK_TIMEOUT, "switch of " + plan.blue().displayName() + " could not get its lock within "
                        + plan.lockTimeoutMs() + " ms (a transaction holds it); given up, to be tried again", plan.blue().displayName(), e.getSQLState(), e);
            }
            throw e;
        } catch (RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }
}

package dev.zdm.cli.migrate;

import dev.zdm.cli.Requests;
import dev.zdm.cli.follow.LiveView;
import dev.zdm.cli.folder.Migration;
import dev.zdm.cli.folder.MigrationFormat;
import dev.zdm.cli.folder.Versions;
import dev.zdm.runtime.messaging.Topics;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code zdm migrate} of a folder on a target: under an advisory lock on the target database (a
 * second run is refused, naming who holds it), it takes in what the tool's own table says is
 * applied, refuses a folder whose applied files changed (drift) or whose pending versions come
 * before an applied one, settles versions a run before left RUNNING or FAILED from what the pipeline
 * says of their migrations, then submits each pending version as one migration, in order, each
 * after the one before ended: an APP gate in version N holds N+1. History and the tool's table are
 * written when a version completes; a failure stops the run naming the version.
 */
public final class MigrateRun {
    /** The advisory lock key of {@code zdm migrate} on a database ("zdm_migr"). */
    static final long LOCK_KEY = 0x7A646D5F6D696772L;

    /** What the pipeline and the operator need: where events go and who signs them. */
    public record Pipeline(String bootstrap, Topics topics, byte[] signingKey, Duration timeout) {
    }

    private final Connection db;
    private final MigrationFormat format;
    private final List<Migration> folder;
    private final Optional<ToolTable> tool;
    private final String target;
    private final LiveView view;

    public MigrateRun(Connection db, MigrationFormat format, List<Migration> folder, String target, LiveView view) {
        this.db = db;
        this.format = format;
        this.folder = folder;
        this.tool = ToolTables.of(format.name());
        this.target = target;
        this.view = view;
    }

    /** Takes the lock; false (after saying who holds it) when another run has it. */
    public boolean lock() throws SQLException {
        try (var s = db.createStatement()) {
            s.execute("SET application_name = '" + ("zdm migrate by " + System.getProperty("user.name") + "@" + host()).replace("'", "") + "'");
            try (var rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                rs.next();
                if (rs.getBoolean(1)) return true;
            }
        }
        view.println("zdm migrate: another run holds this database: " + holder() + "; wait for it to end");
        return false;
    }

    /** Who holds the lock, as PostgreSQL knows the session. */
    String holder() throws SQLException {
        try (var ps = db.prepareStatement("SELECT a.application_name, a.pid, a.usename, coalesce(host(a.client_addr), 'local'), "
                + "to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1 AND l.pid <> pg_backend_pid()")) {
            ps.setLong(1, LOCK_KEY >>> 32);
            ps.setLong(2, LOCK_KEY & 0xFFFFFFFFL);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) return "a session that has ended since";
                return "'" + rs.getString(1) + "' (pid " + rs.getInt(2) + ", role " + rs.getString(3) + ", from " + rs.getString(4)
                        + ", connected since " + rs.getString(5) + ")";
            }
        }
    }

    public void unlock() throws SQLException {
        try (var s = db.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        }
    }

    /** Takes in the tool's table; returns how many versions it added to the history. */
    public int importToolHistory() throws SQLException {
        if (tool.isEmpty()) return 0;
        int n = SchemaHistory.importFrom(db, tool.get(), folder);
        if (n > 0) view.println("took in " + n + " version(s) " + tool.get().table() + " says are applied");
        return n;
    }

    /** The state of every version of the folder and of the history, for {@code zdm migrate status}. */
    public List<VersionState> states() throws SQLException {
        Map<String, SchemaHistory.Row> history = SchemaHistory.load(db);
        List<VersionState> out = new ArrayList<>();
        for (Migration m : folder) {
            String key = SchemaHistory.key(m);
            SchemaHistory.Row row = history.remove(key);
            boolean applied = row != null && (SchemaHistory.APPLIED.equals(row.state()) || SchemaHistory.IMPORTED.equals(row.state()));
            // only an applied file can drift: a failed or running one may be fixed before it runs again
            out.add(VersionState.of(key, m, row, applied ? SchemaHistory.drift(row, m, tool.orElse(null)) : null));
        }
        history.values().forEach(row -> out.add(VersionState.of(row.version(), null, row, null)));
        return out;
    }

    /**
     * The versions to run, in order, up to {@code to} (inclusive; null for all); empty after saying why
     * when the folder cannot run: a drifted applied file, a pending version before an applied one, a
     * version whose migration failed and was not rolled back.
     */
    public Optional<List<Migration>> pending(String to) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<Migration> out = new ArrayList<>();
        Migration highestApplied = null;
        for (VersionState v : states()) {
            Migration m = v.migration();
            if (m == null) continue;
            // a repeatable migration that changed runs again; any other changed file is drift
            if (v.drift() != null && !m.repeatable()) problems.add(v.key() + " (" + m.name() + ") changed since it was applied: " + v.drift());
            if (v.applied() && !m.repeatable() && (highestApplied == null || Versions.compare(m.order(), highestApplied.order()) > 0)) {
                highestApplied = m;
            }
        }
        for (VersionState v : states()) {
            Migration m = v.migration();
            if (m == null || v.applied() && !(m.repeatable() && v.drift() != null)) continue;
            if (to != null && !m.repeatable() && Versions.compare(m.order(), Versions.parse(to)) > 0) continue;
            if (v.row() != null && (SchemaHistory.FAILED.equals(v.row().state()) || SchemaHistory.RUNNING.equals(v.row().state()))) {
                String status = pipelineStatus(v.row().migrationId());
                if ("FAILED".equals(status)) {
                    problems.add(v.key() + " (" + m.name() + ") failed as migration " + v.row().migrationId() + ": " + v.row().error()
                            + ". Resume it (zdm control resume " + v.row().migrationId() + ") or roll it back (zdm control rollback "
                            + v.row().migrationId() + "), then run zdm migrate again");
                    continue;
                }
            }
            if (highestApplied != null && !m.repeatable() && Versions.compare(m.order(), highestApplied.order()) < 0) {
                problems.add(v.key() + " (" + m.name() + ") is pending but " + SchemaHistory.key(highestApplied) + " is applied: versions run in order");
                continue;
            }
            out.add(m);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> view.println("zdm migrate: " + p));
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /**
     * Runs {@code m} through the pipeline; true when it completed. A version left RUNNING by a run before
     * is followed again under its id.
     *
     * @param progress where it stands in the run, e.g. {@code 3 of 8}
     */
    public boolean apply(Migration m, Pipeline pipeline, String progress) throws Exception {
        SchemaHistory.Row row = SchemaHistory.load(db).get(SchemaHistory.key(m));
        String previous = row == null ? null : row.migrationId();
        String status = previous == null ? null : pipelineStatus(previous);
        boolean resume = previous != null && (SchemaHistory.RUNNING.equals(row.state()) || SchemaHistory.FAILED.equals(row.state()))
                && (status == null || !List.of("ROLLED_BACK", "CANCELLED", "REJECTED").contains(status)) && m.checksum().equals(row.checksum());
        String id = resume ? previous : Requests.newMigrationId(format.name() + "-" + SchemaHistory.key(m));
        view.println("");
        view.println("[" + progress + "] " + (resume ? "resuming " : "version ") + SchemaHistory.key(m) + " (" + m.name() + ") as migration " + id);
        SchemaHistory.start(db, m, format.name(), id);
        long t0 = System.nanoTime();
        String end = "COMPLETED".equals(status) ? status : Requests.submitAndFollow(pipeline.bootstrap(), pipeline.topics(),
                Requests.request(id, target, m.name(), m.up()), pipeline.signingKey(), pipeline.timeout(), view::plan, view::accept);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!end.equals("COMPLETED")) {
            String error = end.equals("TIMEOUT") ? "not ended after " + pipeline.timeout() : error(id);
            SchemaHistory.failed(db, SchemaHistory.key(m), error);
            view.println("zdm migrate: version " + SchemaHistory.key(m) + " (" + m.name() + ") ended " + end + ": " + error
                    + "; nothing after it runs");
            return false;
        }
        String strategy = strategy(id);
        inTransaction(() -> {
            SchemaHistory.applied(db, SchemaHistory.key(m), strategy);
            if (tool.isPresent()) tool.get().record(db, m, ms);
        });
        return true;
    }

    /**
     * The applied versions after {@code to}, newest first, to migrate down; empty after saying why when
     * one of them has no down migration in the folder (or is repeatable, or applied by the tool before
     * zdm and changed since).
     */
    public Optional<List<Migration>> toRevert(String to) throws SQLException {
        List<Migration> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (VersionState v : states()) {
            Migration m = v.migration();
            if (m == null || !v.applied() || m.repeatable() || Versions.compare(m.order(), Versions.parse(to)) <= 0) continue;
            if (m.down() == null || m.down().isBlank()) problems.add(v.key() + " (" + m.name() + ") has no down migration in the folder");
            else if (v.drift() != null) problems.add(v.key() + " (" + m.name() + ") changed since it was applied: " + v.drift());
            else out.add(0, m);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> view.println("zdm migrate down: " + p + "; nothing migrated down"));
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /**
     * Runs {@code m}'s down SQL through the pipeline (planned like any migration: a DROP COLUMN waits
     * for the release that stops using it); true when it completed. The history marks it REVERTED and
     * the tool's table forgets it, as the tool would.
     *
     * @param previous the version applied before it, or null
     */
    public boolean revert(Migration m, Migration previous, Pipeline pipeline) throws Exception {
        String key = SchemaHistory.key(m);
        String id = Requests.newMigrationId(format.name() + "-" + key + "-down");
        view.println("");
        view.println("version " + key + " down (" + m.name() + ") as migration " + id);
        String end = Requests.submitAndFollow(pipeline.bootstrap(), pipeline.topics(),
                Requests.request(id, target, m.name() + " (down)", m.down()), pipeline.signingKey(), pipeline.timeout(), view::plan, view::accept);
        if (!end.equals("COMPLETED")) {
            String error = end.equals("TIMEOUT") ? "not ended after " + pipeline.timeout() : error(id);
            SchemaHistory.revertFailed(db, key, error);
            view.println("zdm migrate down: version " + key + " (" + m.name() + ") ended " + end + ": " + error + "; it stays applied");
            return false;
        }
        inTransaction(() -> {
            SchemaHistory.reverted(db, key, id);
            if (tool.isPresent()) tool.get().unrecord(db, m, previous);
        });
        return true;
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** The history and the tool's table change together or not at all. */
    private void inTransaction(SqlWork work) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /** The applied version just before {@code m} in the folder, or null. */
    public Migration appliedBefore(Migration m) throws SQLException {
        Migration before = null;
        for (VersionState v : states()) {
            if (v.migration() == null || !v.applied() || v.migration().repeatable()) continue;
            if (Versions.compare(v.migration().order(), m.order()) < 0) before = v.migration();
        }
        return before;
    }

    /** The status of a migration in {@code zdm.migrations}, or null when the pipeline has none by that id. */
    private String pipelineStatus(String migrationId) throws SQLException {
        if (migrationId == null) return null;
        try (var ps = db.prepareStatement("SELECT status FROM zdm.migrations WHERE migration_id = ?")) {
            ps.setString(1, migrationId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String strategy(String id) throws SQLException {
        try (var ps = db.prepareStatement("SELECT strategy FROM zdm.migrations WHERE migration_id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String error(String id) throws SQLException {
        try (var ps = db.prepareStatement("SELECT coalesce(error_message, status) FROM zdm.migrations "
                + "WHERE migration_id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "the pipeline has no migration " + id;
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}

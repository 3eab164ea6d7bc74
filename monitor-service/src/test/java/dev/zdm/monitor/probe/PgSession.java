package dev.zdm.monitor.probe;

import dev.zdm.infra.junit.TestInfra;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDBC session of the test database with a chosen {@code application_name}, in manual-commit
 * mode, that can run a statement in the background (one that is expected to block).
 */
public final class PgSession implements AutoCloseable {
    private final Connection connection;
    private final int pid;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    private PgSession(Connection connection) throws SQLException {
        this.connection = connection;
        this.pid = queryInt("SELECT pg_backend_pid()");
    }

    /** Opens a session named {@code applicationName}, autocommit off. */
    public static PgSession open(TestInfra infra, String applicationName) throws SQLException {
        Connection c = infra.pg().connect(infra.database());
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = '" + applicationName.replace("'", "''") + "'");
        }
        c.setAutoCommit(false);
        return new PgSession(c);
    }

    public int pid() {
        return pid;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    public int queryInt(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Runs {@code sql} on this session's own thread; the future completes when it returns or fails. */
    public CompletableFuture<Void> executeInBackground(String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                execute(sql);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, background);
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    public void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        background.shutdownNow();
        connection.close();
    }
}

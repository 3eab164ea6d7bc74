package dev.zdm.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PostgreSQL server and the credentials of a superuser on it (or, for an external server,
 * of a user allowed to create databases). Thread-safe; every method opens its own connection.
 */
public final class PgServer {

    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
    /** Unquoted lower-case identifiers only, so a name never needs quoting and never folds. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long SLOT_RELEASE_WAIT_MS = 5_000;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    /**
     * @param adminDatabase the database to connect to when creating and dropping others, e.g.
     *                      {@code postgres}
     */
    public PgServer(String host, int port, String user, String password, String adminDatabase) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.adminDatabase = Objects.requireNonNull(adminDatabase, "adminDatabase");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The database used to create and drop others; never dropped by this class. */
    public String adminDatabase() {
        return adminDatabase;
    }

    /**
     * The JDBC URL of {@code database}, carrying user and password as parameters so that
     * {@code DriverManager.getConnection(url)} works as is. Clients that take the parts separately
     * (Vert.x, Debezium) use {@link #host()}, {@link #port()}, {@link #user()}, {@link #password()}.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + encode(user) + "&password="
                + encode(password);
    }

    /** A new connection to {@code database}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    /**
     * Creates an empty database {@code name}, dropping an existing one of that name first (see
     * {@link #dropDatabase(String)}).
     *
     * @param name a lower-case identifier: letters, digits and {@code _}, at most 63 characters
     * @return its JDBC URL, as {@link #jdbcUrl(String)}
     * @throws InfraException when the name is not such an identifier or the server refuses
     */
    public String createDatabase(String name) {
        requireValidName(name);
        dropDatabase(name);
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new InfraException("cannot create database " + name + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Drops database {@code name} if it exists: ends the sessions connected to it and drops the
     * replication slots that belong to it (a slot would keep the database alive and retain WAL).
     *
     * @throws InfraException when the name is not a valid identifier, names the admin database, or the
     *                        server refuses
     */
    public void dropDatabase(String name) {
        requireValidName(name);
        if (name.equals(adminDatabase)) {
            throw new InfraException("refusing to drop " + name + ": it is the admin database of " + host + ":" + port);
        }
        try (Connection c = connect(adminDatabase)) {
            dropSlots(c, name);
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new InfraException("cannot drop database " + name + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every server setting ({@code pg_settings}) by name, e.g. {@code wal_level -> logical}. */
    public Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new InfraException("cannot read settings of " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return settings;
    }

    /** The server's version, e.g. {@code 15.19}. */
    public String serverVersion() {
        return settings().getOrDefault("server_version", "unknown").split(" ")[0];
    }

    @Override
    public String toString() {
        return "PgServer[" + user + "@" + host + ":" + port + "/" + adminDatabase + "]";
    }

    private static void dropSlots(Connection c, String database) throws SQLException {
        List<String> slots = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT slot_name, pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slots.add(rs.getString(1));
                }
            }
        }
        if (slots.isEmpty()) {
            return;
        }
        LOG.warn("dropping replication slots {} left in database {}", slots, database);
        for (String slot : slots) {
            dropSlot(c, slot);
        }
    }

    private static void dropSlot(Connection c, String slot) throws SQLException {
        long deadline = System.currentTimeMillis() + SLOT_RELEASE_WAIT_MS;
        while (true) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                ps.execute();
                return;
            } catch (SQLException e) {
                boolean stillActive = "55006".equals(e.getSQLState());
                if (!stillActive || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while waiting for a replication slot to be released", e);
        }
    }

    private static void requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new InfraException("database name '" + name
                    + "' must be a lower-case identifier: a letter or _, then letters, digits or _, at most 63");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.zdm.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/** Creating and dropping databases on the shared server, including the awkward cases. */
class PgServerIT {

    private final PgServer pg = SharedInfra.get().pg();

    @Test
    void createDatabaseStartsOverWhenTheNameExists() throws Exception {
        String url = pg.createDatabase("pg_server_it_recreate");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leftover (id int)");
        }

        pg.createDatabase("pg_server_it_recreate");

        try (Connection c = pg.connect("pg_server_it_recreate"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        pg.dropDatabase("pg_server_it_recreate");
        assertThat(databaseExists("pg_server_it_recreate")).isFalse();
    }

    @Test
    void dropDatabaseEndsSessionsAndDropsSlotsEvenWhileStreaming() throws Exception {
        pg.createDatabase("pg_server_it_slots");
        try (Connection c = pg.connect("pg_server_it_slots"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_create_logical_replication_slot('idle_slot', 'pgoutput')");
            s.execute("SELECT pg_create_logical_replication_slot('busy_slot', 'pgoutput')");
            s.execute("CREATE PUBLICATION p FOR ALL TABLES");
        }
        Connection replication = replicationConnection("pg_server_it_slots");
        PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                .logical().withSlotName("busy_slot").withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", "p").start();
        awaitActive("busy_slot");
        assertThat(stream.isClosed()).isFalse();

        pg.dropDatabase("pg_server_it_slots");

        assertThat(databaseExists("pg_server_it_slots")).isFalse();
        try (Connection c = pg.connect(pg.adminDatabase()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name IN ('idle_slot', 'busy_slot')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        replication.close();
    }

    @Test
    void dropDatabaseOfAMissingDatabaseIsHarmless() {
        pg.dropDatabase("pg_server_it_never_created");
        assertThat(databaseExists("pg_server_it_never_created")).isFalse();
    }

    @Test
    void refusesNamesThatNeedQuotingAndTheAdminDatabase() {
        assertThatThrownBy(() -> pg.createDatabase("Bad Name")).isInstanceOf(InfraException.class)
                .hasMessageContaining("lower-case identifier");
        assertThatThrownBy(() -> pg.createDatabase("x\"; DROP DATABASE postgres; --")).isInstanceOf(InfraException.class);
        assertThatThrownBy(() -> pg.dropDatabase(pg.adminDatabase())).isInstanceOf(InfraException.class)
                .hasMessageContaining("admin database");
    }

    private Connection replicationConnection(String database) throws Exception {
        java.util.Properties props = new java.util.Properties();
        PGProperty.USER.set(props, pg.user());
        PGProperty.PASSWORD.set(props, pg.password());
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database, props);
    }

    private void awaitActive(String slot) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            try (Connection c = pg.connect(pg.adminDatabase()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
            never.await(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("slot " + slot + " never became active");
    }

    private boolean databaseExists(String name) {
        try (Connection c = pg.connect(pg.adminDatabase()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
